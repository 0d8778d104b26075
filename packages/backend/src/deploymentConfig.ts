import {
  createServiceFactory,
  coreServices,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { ConfigSources } from '@backstage/config-loader';
import { encryptionKeyProblem } from '@woowtech/backstage-plugin-woow-cloud-services-backend';

/**
 * What this portal cannot start without, each named by its config key (and
 * the environment variable app-config.production.yaml reads it from):
 * - a database: `backend.database.client`, and for PostgreSQL its host,
 *   user and password (or a connection string);
 * - every `backend.auth.keys[]` entry's secret (BACKEND_SECRET);
 * - the secrets' encryption key (see encryptionKeyProblem).
 */
export function deploymentConfigProblems(config: Config): string[] {
  const problems: string[] = [];
  const missing = (key: string, env?: string) =>
    problems.push(`Missing config ${key}${env ? ` (${env})` : ''}`);

  const client = config.getOptionalString('backend.database.client');
  if (!client) missing('backend.database.client');
  if (client === 'pg') {
    const connection = config.getOptional('backend.database.connection');
    if (typeof connection !== 'string') {
      if (!config.getOptionalString('backend.database.connection.host'))
        missing('backend.database.connection.host', 'POSTGRES_HOST');
      if (!config.getOptionalString('backend.database.connection.user'))
        missing('backend.database.connection.user', 'POSTGRES_USER');
      if (!config.getOptionalString('backend.database.connection.password'))
        missing('backend.database.connection.password', 'POSTGRES_PASSWORD');
    }
  }

  const keys = config.getOptionalConfigArray('backend.auth.keys') ?? [];
  keys.forEach((key, i) => {
    if (!key.getOptionalString('secret'))
      missing(`backend.auth.keys[${i}].secret`, 'BACKEND_SECRET');
  });

  const encryption = encryptionKeyProblem(config);
  if (encryption) problems.push(encryption);
  return problems;
}

/**
 * The root config service, checked: the backend refuses to start, before any
 * plugin connects anywhere, when the config lacks what it needs.
 */
export const checkedRootConfigServiceFactory = createServiceFactory({
  service: coreServices.rootConfig,
  deps: {},
  async factory() {
    const source = ConfigSources.default({});
    const config = await ConfigSources.toConfig(source);
    const problems = deploymentConfigProblems(config);
    if (problems.length > 0) {
      throw new Error(
        `The portal cannot start: ${problems.join(
          '; ',
        )}. See README "Configuring for a real cluster and PostgreSQL".`,
      );
    }
    return config;
  },
});
