import { V1Job, V1Pod } from '@kubernetes/client-node';
import {
  parseBackupSummary,
  toOperatorBackup,
  toOperatorRestore,
} from './jobRecords';
import { backupJob, restoreJob, SCALED_BACK_ANNOTATION } from './resticJobs';

const base = {
  namespace: 'paas-ws-w1',
  release: 'paas-ws-w1-app',
  image: 'restic',
  imagePullPolicy: 'Never',
  timeoutSeconds: 600,
  placement: {},
};
const summary = JSON.stringify({
  message_type: 'summary',
  snapshot_id: 'f00dbabe',
  total_bytes_processed: 1234,
  data_added: 99,
});

function withStatus(job: V1Job, status: V1Job['status']): V1Job {
  return { ...job, status };
}

function podWith(message: string): V1Pod {
  return {
    status: {
      containerStatuses: [
        {
          name: 'restic',
          image: 'x',
          imageID: 'x',
          ready: false,
          restartCount: 0,
          state: { terminated: { exitCode: 0, message } },
        },
      ],
    },
  };
}

const started = new Date('2026-11-30T10:00:00Z');
const done = new Date('2026-11-30T10:00:07Z');
const job = backupJob({
  ...base,
  id: 'b1',
  volumes: [{ pvc: 'paas-ws-w1-app-data', key: 'release-data' }],
});

describe('toOperatorBackup', () => {
  it('is pending before the Job started and running while it runs', () => {
    expect(toOperatorBackup(job, undefined)).toEqual({
      id: 'b1',
      release: 'paas-ws-w1-app',
      phase: 'pending',
      volumes: ['paas-ws-w1-app-data'],
    });
    expect(
      toOperatorBackup(
        withStatus(job, { startTime: started, active: 1 }),
        undefined,
      ).phase,
    ).toBe('running');
  });

  it('reads snapshot id and size from restic summary in the termination message', () => {
    const complete = withStatus(job, {
      startTime: started,
      completionTime: done,
      conditions: [{ type: 'Complete', status: 'True' }],
    });
    expect(toOperatorBackup(complete, podWith(summary))).toEqual({
      id: 'b1',
      release: 'paas-ws-w1-app',
      phase: 'succeeded',
      startedAt: '2026-11-30T10:00:00.000Z',
      completedAt: '2026-11-30T10:00:07.000Z',
      snapshotId: 'f00dbabe',
      sizeBytes: 1234,
      volumes: ['paas-ws-w1-app-data'],
    });
  });

  it('counts a "completed" Job without a restic summary as failed (nothing was backed up)', () => {
    const complete = withStatus(job, {
      startTime: started,
      conditions: [{ type: 'Complete', status: 'True' }],
    });
    const backup = toOperatorBackup(complete, undefined);
    expect(backup.phase).toBe('failed');
    expect(backup.message).toMatch(/no restic summary/);
  });

  it("gives restic's error line as the reason of a failure, without secrets", () => {
    const failed = withStatus(job, {
      startTime: started,
      conditions: [
        {
          type: 'Failed',
          status: 'True',
          reason: 'BackoffLimitExceeded',
          lastTransitionTime: done,
        },
      ],
    });
    const backup = toOperatorBackup(
      failed,
      podWith(
        'Fatal: unable to open config file: password=hunter2hunter2 denied',
      ),
    );
    expect(backup.phase).toBe('failed');
    expect(backup.completedAt).toBe('2026-11-30T10:00:07.000Z');
    expect(backup.message).toMatch(/^Fatal: unable to open config file/);
    expect(backup.message).not.toContain('hunter2');
  });
});

describe('toOperatorRestore of a failed Job', () => {
  it("gives restic's JSON exit_error message (restic --json) as the reason", () => {
    const restore = restoreJob({
      ...base,
      id: 'r1',
      backupId: 'b1',
      sourceRelease: 'paas-ws-w1-app',
      snapshotId: 'f00dbabe',
      volumes: [],
    });
    const failed: V1Job = {
      ...restore,
      metadata: {
        ...restore.metadata,
        annotations: {
          ...restore.metadata!.annotations,
          [SCALED_BACK_ANNOTATION]: 'true',
        },
      },
      status: {
        startTime: started,
        conditions: [
          {
            type: 'Failed',
            status: 'True',
            message: 'Job has reached the specified backoff limit',
            lastTransitionTime: done,
          },
        ],
      },
    };
    const pod = podWith(
      '{"message_type":"exit_error","code":12,"message":"Fatal: wrong password or no key found"}',
    );
    expect(toOperatorRestore(failed, pod)).toMatchObject({
      phase: 'failed',
      message: 'Fatal: wrong password or no key found',
    });
    expect(toOperatorRestore(failed, undefined).message).toBe(
      'Job has reached the specified backoff limit',
    );
  });
});

describe('parseBackupSummary', () => {
  it('takes only a restic summary', () => {
    expect(parseBackupSummary(summary)).toEqual({
      snapshotId: 'f00dbabe',
      sizeBytes: 1234,
    });
    expect(parseBackupSummary('{"message_type":"status"}')).toBeUndefined();
    expect(parseBackupSummary('Fatal: wrong password')).toBeUndefined();
  });
});

describe('toOperatorRestore', () => {
  const restore = restoreJob({
    ...base,
    id: 'r1',
    backupId: 'b1',
    sourceRelease: 'paas-ws-w1-old',
    snapshotId: 'f00dbabe',
    volumes: [],
  });
  const complete = withStatus(restore, {
    startTime: started,
    completionTime: done,
    conditions: [{ type: 'Complete', status: 'True' }],
  });

  it('stays running after its Job until the workloads are scaled back', () => {
    expect(toOperatorRestore(complete, undefined).phase).toBe('running');
    const over: V1Job = {
      ...complete,
      metadata: {
        ...complete.metadata,
        annotations: {
          ...complete.metadata!.annotations,
          [SCALED_BACK_ANNOTATION]: 'true',
        },
      },
    };
    expect(toOperatorRestore(over, undefined)).toEqual({
      id: 'r1',
      backupId: 'b1',
      sourceRelease: 'paas-ws-w1-old',
      release: 'paas-ws-w1-app',
      phase: 'succeeded',
      startedAt: '2026-11-30T10:00:00.000Z',
      completedAt: '2026-11-30T10:00:07.000Z',
    });
  });
});
