import { NotAllowedError } from '@backstage/errors';
import { mockCredentials } from '@backstage/backend-test-utils';
import type {
  PodLogsQuery,
  ReleasePodsResponse,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { Readable } from 'node:stream';
import type { ServiceRecord, ServiceStore } from '../database/ServiceStore';
import type { OperatorLogsApi } from '../operator/OperatorLogsClient';
import type { UserCredentials } from './AccessControl';
import { ServiceLogs } from './ServiceLogs';

// ServiceLogs.recent (the read-service-logs action) with stand-ins for the
// store, the access check and the operator: which pod it reads, what it
// asks the operator, and that the service's password values are masked.
// The same path against the real operator: mcpActions.integration.test.ts.

const PASSWORD = 'S3cret-Value-42';
const record = {
  id: 'svc-1',
  workspaceId: 'ws',
  helmNamespace: 'paas-ws-ws',
  helmReleaseName: 'paas-ws-ws-app-x1',
  helmSecrets: 'sealed',
} as ServiceRecord;

function setup(options: {
  pods: ReleasePodsResponse['pods'];
  log: string[];
  role?: 'viewer' | 'member';
}) {
  const asked: PodLogsQuery[] = [];
  const operator: OperatorLogsApi = {
    listPods: async () => ({ pods: options.pods }),
    openLog: async (_ns, _name, query) => {
      asked.push(query);
      return Readable.from(options.log.map(chunk => Buffer.from(chunk)));
    },
  };
  const logs = new ServiceLogs({
    services: {
      get: async (id: string) => (id === record.id ? record : undefined),
    } as unknown as ServiceStore,
    access: {
      requireWorkspace: async () => {
        if (options.role === 'viewer') {
          throw new NotAllowedError('This needs the member role');
        }
        return { userRef: 'user:default/m', role: 'member' as const };
      },
    },
    operator,
    secrets: { open: () => ({ password: PASSWORD }) },
  });
  return { logs, asked };
}

const credentials = mockCredentials.user('user:default/m') as UserCredentials;
const pod = (name: string, phase: string) => ({
  name,
  phase,
  containers: [{ name: 'app', init: false }],
});

describe('ServiceLogs.recent', () => {
  it('reads the newest running pod, asks for the tail only, and masks the password', async () => {
    const { logs, asked } = setup({
      pods: [pod('newest-pending', 'Pending'), pod('older-running', 'Running')],
      // The password split across two chunks of the stream.
      log: ['one\ntwo with S3cret-', 'Value-42 inside\n', 'three\n'],
    });
    const result = await logs.recent(credentials, 'ws', 'svc-1', {
      tailLines: 50,
    });
    expect(result).toEqual({
      pod: 'older-running',
      lines: ['one', 'two with *** inside', 'three'],
    });
    expect(asked).toEqual([{ pod: 'older-running', tailLines: 50 }]);
  });

  it('reads the pod and container named, and an empty log as no lines', async () => {
    const { logs, asked } = setup({ pods: [], log: [] });
    const result = await logs.recent(credentials, 'ws', 'svc-1', {
      tailLines: 5,
      pod: 'chosen',
      container: 'sidecar',
    });
    expect(result).toEqual({ pod: 'chosen', lines: [] });
    expect(asked).toEqual([
      { pod: 'chosen', container: 'sidecar', tailLines: 5 },
    ]);
  });

  it('keeps the last MiB of a longer log, from a line start', async () => {
    const line = `${'x'.repeat(999)}\n`;
    const { logs } = setup({
      pods: [pod('p', 'Running')],
      log: [...Array(2100).keys()].map(i => `${i} ${line}`),
    });
    const { lines } = await logs.recent(credentials, 'ws', 'svc-1', {
      tailLines: 5000,
    });
    expect(lines.length).toBeGreaterThan(1000);
    expect(lines.length).toBeLessThan(1100);
    expect(lines[lines.length - 1]).toMatch(/^2099 x+$/);
    expect(lines[0]).toMatch(/^\d+ x{999}$/);
  });

  it('says so when the service has no pod yet', async () => {
    const { logs } = setup({ pods: [], log: [] });
    await expect(
      logs.recent(credentials, 'ws', 'svc-1', { tailLines: 5 }),
    ).rejects.toThrow(/no pods yet/);
  });

  it('refuses what the logs route refuses: a viewer, a bad pod name, too many lines', async () => {
    const viewer = setup({
      pods: [pod('p', 'Running')],
      log: [],
      role: 'viewer',
    });
    await expect(
      viewer.logs.recent(credentials, 'ws', 'svc-1', { tailLines: 5 }),
    ).rejects.toThrow(NotAllowedError);

    const { logs, asked } = setup({ pods: [], log: [] });
    await expect(
      logs.recent(credentials, 'ws', 'svc-1', { tailLines: 5, pod: 'Bad Pod' }),
    ).rejects.toThrow(/Invalid input: pod must be a Kubernetes object name/);
    await expect(
      logs.recent(credentials, 'ws', 'svc-1', { tailLines: 5001, pod: 'p' }),
    ).rejects.toThrow(/tailLines/);
    expect(asked).toEqual([]);
  });
});
