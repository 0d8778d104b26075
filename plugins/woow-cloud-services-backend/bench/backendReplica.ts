// One backend replica of the scale benchmark's replicated run, in its own Node
// process: this plugin with the real scheduler on the benchmark's PostgreSQL
// database, calling the operator apart (through the benchmark's proxy). The
// benchmark passes the config as JSON in WOOW_BENCH_REPLICA_CONFIG and gets
// the port this backend listens on through the IPC channel.
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import knexFactory from 'knex';
import { woowCloudServicesPlugin } from '../src/plugin';

/** What the benchmark sends a replica. */
export interface ReplicaSettings {
  databaseUrl: string;
  /** The app config (portalConfig's shape). */
  config: Record<string, unknown>;
}

async function main() {
  const { databaseUrl, config } = JSON.parse(
    process.env.WOOW_BENCH_REPLICA_CONFIG ?? '',
  ) as ReplicaSettings;
  const knex = knexFactory({ client: 'pg', connection: databaseUrl });
  const backend = await startTestBackend({
    features: [
      woowCloudServicesPlugin,
      schedulerServiceFactory,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({ data: config as any }),
      // Warnings and errors to stderr (the benchmark keeps them in a file).
      mockServices.rootLogger.factory({ level: 'warn' }),
    ],
  });
  process.send!({ woowBenchReplicaPort: backend.server.port() });
}

main().catch(error => {
  console.error(`backend replica failed: ${error.message}`);
  process.exit(1);
});
