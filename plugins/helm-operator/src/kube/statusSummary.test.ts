import { V1Pod } from '@kubernetes/client-node';
import {
  describePod,
  failedCreateProblems,
  ObservedWorkload,
  selectorToString,
  summarizeReleaseState,
} from './statusSummary';

const deploy = (
  ready: number,
  desired = 1,
  extra: Partial<ObservedWorkload> = {},
): ObservedWorkload => ({
  kind: 'Deployment',
  name: 'app',
  desired,
  ready,
  updated: desired,
  observed: true,
  ...extra,
});

function pod(status: V1Pod['status'], name = 'app-1'): V1Pod {
  return { metadata: { name }, status };
}

describe('describePod', () => {
  it.each(['ImagePullBackOff', 'ErrImagePull', 'CrashLoopBackOff'])(
    'reports %s',
    reason => {
      const { status, problems } = describePod(
        pod({
          phase: 'Pending',
          conditions: [{ type: 'Ready', status: 'False' }],
          containerStatuses: [
            {
              name: 'app',
              ready: false,
              restartCount: 3,
              image: 'x',
              imageID: '',
              state: { waiting: { reason, message: 'back-off' } },
            },
          ],
        }),
        'Deployment/app',
      );
      expect(status).toEqual({
        name: 'app-1',
        workload: 'Deployment/app',
        phase: 'Pending',
        ready: false,
        restarts: 3,
        reason,
        containers: [],
      });
      expect(problems).toEqual([
        { reason, object: 'Pod/app-1', message: 'container app: back-off' },
      ]);
    },
  );

  it('names a crash loop of a container killed over its memory limit OOMKilled, with the limit', () => {
    const crashLoop = (lastReason: string) =>
      describePod(
        {
          metadata: { name: 'app-1' },
          spec: {
            containers: [
              { name: 'app', resources: { limits: { memory: '64Mi' } } },
            ],
          },
          status: {
            phase: 'Running',
            containerStatuses: [
              {
                name: 'app',
                ready: false,
                restartCount: 2,
                image: 'x',
                imageID: '',
                state: {
                  waiting: { reason: 'CrashLoopBackOff', message: 'back-off' },
                },
                lastState: {
                  terminated: { reason: lastReason, exitCode: 137 },
                },
              },
            ],
          },
        },
        'Deployment/app',
      );
    const oom = crashLoop('OOMKilled');
    expect(oom.problems).toEqual([
      {
        reason: 'OOMKilled',
        object: 'Pod/app-1',
        message:
          'container app: killed for running out of memory (limit 64Mi), exit code 137; restarting with back-off',
      },
    ]);
    expect(oom.status.reason).toBe('OOMKilled');
    // Any other crash stays a plain crash loop.
    expect(crashLoop('Error').problems).toEqual([
      {
        reason: 'CrashLoopBackOff',
        object: 'Pod/app-1',
        message: 'container app: back-off',
      },
    ]);
  });

  it('reports an unschedulable pod', () => {
    const { problems } = describePod(
      pod({
        phase: 'Pending',
        conditions: [
          {
            type: 'PodScheduled',
            status: 'False',
            reason: 'Unschedulable',
            message: '0/2 nodes are available: 2 Insufficient cpu.',
          },
        ],
      }),
      'Deployment/app',
    );
    expect(problems).toEqual([
      {
        reason: 'Unschedulable',
        object: 'Pod/app-1',
        message: '0/2 nodes are available: 2 Insufficient cpu.',
      },
    ]);
  });

  it('does not call a starting container a problem', () => {
    const { status, problems } = describePod(
      pod({
        phase: 'Pending',
        containerStatuses: [
          {
            name: 'app',
            ready: false,
            restartCount: 0,
            image: 'x',
            imageID: '',
            state: { waiting: { reason: 'ContainerCreating' } },
          },
        ],
      }),
      'Deployment/app',
    );
    expect(problems).toEqual([]);
    expect(status.reason).toBe('ContainerCreating');
  });
});

describe('describePod containers', () => {
  it('reports requests and limits per container, init containers marked', () => {
    const { status } = describePod(
      {
        metadata: { name: 'db-0' },
        spec: {
          initContainers: [{ name: 'setup' }],
          containers: [
            {
              name: 'postgresql',
              resources: {
                requests: { cpu: '250m', memory: '256Mi' },
                limits: { cpu: '1', memory: '1Gi' },
              },
            },
          ],
        },
        status: { phase: 'Running' },
      },
      'StatefulSet/db',
    );
    expect(status.containers).toEqual([
      { name: 'setup', init: true, requests: {}, limits: {} },
      {
        name: 'postgresql',
        init: false,
        requests: { cpu: '250m', memory: '256Mi' },
        limits: { cpu: '1', memory: '1Gi' },
      },
    ]);
  });
});

describe('failedCreateProblems', () => {
  it('reports the newest FailedCreate event of each controller, quota named as such', () => {
    const owners = new Map([['rs-uid', 'Deployment/app']]);
    const problems = failedCreateProblems(
      [
        {
          involvedObject: { uid: 'rs-uid' },
          reason: 'FailedCreate',
          message: 'old',
          lastTimestamp: new Date('2024-01-01'),
          metadata: {},
        },
        {
          involvedObject: { uid: 'rs-uid' },
          reason: 'FailedCreate',
          message:
            'pods "app-x" is forbidden: exceeded quota: workspace-quota, requested: limits.cpu=1',
          lastTimestamp: new Date('2024-01-02'),
          metadata: {},
        },
        {
          involvedObject: { uid: 'other' },
          reason: 'FailedCreate',
          message: 'not ours',
          metadata: {},
        },
      ],
      owners,
    );
    expect(problems).toEqual([
      {
        reason: 'QuotaExceeded',
        object: 'Deployment/app',
        message:
          'pods "app-x" is forbidden: exceeded quota: workspace-quota, requested: limits.cpu=1',
      },
    ]);
  });
});

describe('summarizeReleaseState', () => {
  it('running when every workload is ready', () => {
    expect(summarizeReleaseState('deployed', [deploy(2, 2)], []).state).toBe(
      'running',
    );
    expect(summarizeReleaseState('deployed', [], []).state).toBe('running');
  });

  it('progressing while pods come up without problems', () => {
    expect(summarizeReleaseState('deployed', [deploy(0)], [])).toEqual({
      state: 'progressing',
      message: 'Deployment/app 0/1 ready',
    });
    expect(
      summarizeReleaseState('deployed', [deploy(1, 1, { observed: false })], [])
        .state,
    ).toBe('progressing');
    expect(
      summarizeReleaseState('deployed', [deploy(1, 2, { updated: 1 })], [])
        .state,
    ).toBe('progressing');
  });

  it('failed when nothing is ready and something is wrong; degraded when some pods serve', () => {
    const problem = {
      reason: 'CrashLoopBackOff',
      object: 'Pod/app-1',
      message: 'x',
    };
    expect(
      summarizeReleaseState('deployed', [deploy(0)], [problem]).state,
    ).toBe('failed');
    expect(
      summarizeReleaseState('deployed', [deploy(1, 2)], [problem]).state,
    ).toBe('degraded');
    expect(
      summarizeReleaseState('deployed', [deploy(0)], [problem]).message,
    ).toContain('Pod/app-1 CrashLoopBackOff');
  });

  it.each([
    'pending-install',
    'pending-upgrade',
    'pending-rollback',
    'uninstalling',
  ] as const)('pending-operation for helm status %s', s => {
    expect(summarizeReleaseState(s, [deploy(1)], []).state).toBe(
      'pending-operation',
    );
  });

  it('failed for a failed helm operation, unknown otherwise', () => {
    expect(summarizeReleaseState('failed', [deploy(1)], []).state).toBe(
      'failed',
    );
    expect(summarizeReleaseState('unknown', [deploy(1)], []).state).toBe(
      'unknown',
    );
  });
});

describe('selectorToString', () => {
  it('renders matchLabels and matchExpressions', () => {
    expect(
      selectorToString({
        matchLabels: { app: 'x', 'app.kubernetes.io/instance': 'r' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['a', 'b'] },
          { key: 'env', operator: 'NotIn', values: ['dev'] },
          { key: 'has', operator: 'Exists' },
          { key: 'not', operator: 'DoesNotExist' },
        ],
      }),
    ).toBe(
      'app=x,app.kubernetes.io/instance=r,tier in (a,b),env notin (dev),has,!not',
    );
  });
});
