// What the replicated run must show after the kill: no record lost, no helm
// release installed twice, no release without a record, no lease left.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Knex } from 'knex';
import type { ApiClient } from '../src/__testUtils__/apiClient';
import { required } from './benchEnv';

const run = promisify(execFile);

interface KubeList {
  items: Array<{
    metadata: {
      name: string;
      namespace: string;
      labels?: Record<string, string>;
    };
  }>;
}

async function kubeList(kind: string): Promise<KubeList> {
  const { stdout } = await run(
    required('WOOW_KUBECTL'),
    ['get', kind, '--all-namespaces', '--output=json'],
    { maxBuffer: 256 * 2 ** 20 },
  );
  return JSON.parse(stdout);
}

/** Every 201-created id in the database and in its workspace's list. */
export async function lostRecords(
  knex: Knex,
  client: ApiClient,
  created: Array<{ ws: string; id: string }>,
): Promise<string[]> {
  const rows = await knex('cloud_services')
    .whereIn(
      'id',
      created.map(c => c.id),
    )
    .whereNull('deleted_at')
    .select('id');
  const stored = new Set(rows.map(r => String(r.id)));
  const listed = new Set<string>();
  for (const ws of new Set(created.map(c => c.ws))) {
    const res = await client.get(`/workspaces/${ws}/services`);
    for (const s of res.body.items) listed.add(s.id);
  }
  return created
    .filter(c => !stored.has(c.id) || !listed.has(c.id))
    .map(c => `${c.id} (${stored.has(c.id) ? 'not listed' : 'not stored'})`);
}

/**
 * Helm's release Secrets in the benchmark's namespaces (`namespacePrefix`)
 * next to the service records: each release revision 1 only and deployed
 * (the benchmark upgrades nothing: a second revision or a reinstall after a
 * failed one would show), each record's release there, no release without a
 * record, and no release lease left behind.
 */
export async function releaseProblems(
  knex: Knex,
  namespacePrefix: string,
): Promise<string[]> {
  const secrets = (await kubeList('secrets')).items.filter(
    s =>
      s.metadata.namespace.startsWith(namespacePrefix) &&
      s.metadata.labels?.owner === 'helm',
  );
  const revisions = new Map<string, string[]>();
  for (const { metadata } of secrets) {
    const key = `${metadata.namespace}/${metadata.labels!.name}`;
    const status = `${metadata.labels!.version}:${metadata.labels!.status}`;
    revisions.set(key, [...(revisions.get(key) ?? []), status]);
  }
  const records = await knex('cloud_services')
    .whereNull('deleted_at')
    .select('helm_namespace', 'helm_release_name');
  const recorded = new Set(
    records.map(r => `${r.helm_namespace}/${r.helm_release_name}`),
  );
  const problems: string[] = [];
  for (const [release, list] of revisions) {
    if (list.join() !== '1:deployed') {
      problems.push(`${release}: revisions ${list.sort().join(', ')}`);
    }
    if (!recorded.has(release)) problems.push(`${release}: no service record`);
  }
  for (const release of recorded) {
    if (!revisions.has(release)) problems.push(`${release}: no helm release`);
  }
  const leases = (await kubeList('leases')).items.filter(l =>
    l.metadata.namespace.startsWith(namespacePrefix),
  );
  for (const { metadata } of leases) {
    problems.push(`lease ${metadata.namespace}/${metadata.name} left`);
  }
  return problems;
}
