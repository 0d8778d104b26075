import {
  BACKUP_ID_LABEL,
  BACKUP_JOB_LABEL,
  BACKUP_RELEASE_LABEL,
  backupJob,
  CREDENTIALS_SECRET,
  forgetJob,
  restoreJob,
  VOLUMES_ANNOTATION,
  volumeKeys,
} from './resticJobs';

const common = {
  id: 'b1',
  namespace: 'paas-ws-w1',
  release: 'paas-ws-w1-app',
  image: 'registry.local/woow/restic:0.18.1',
  imagePullPolicy: 'IfNotPresent',
  timeoutSeconds: 600,
};

describe('volumeKeys', () => {
  it('names a PVC by its name with the release replaced, so another release of the chart matches', () => {
    const a = volumeKeys('paas-ws-w1-app', ['paas-ws-w1-app-data', 'cache']);
    const b = volumeKeys('paas-ws-w1-copy', ['paas-ws-w1-copy-data']);
    expect(a).toEqual([
      { pvc: 'paas-ws-w1-app-data', key: 'release-data' },
      { pvc: 'cache', key: 'cache' },
    ]);
    expect(b[0].key).toBe(a[0].key);
  });
});

describe('backupJob', () => {
  const job = backupJob({
    ...common,
    volumes: volumeKeys(common.release, ['paas-ws-w1-app-data']),
    placement: {
      nodeName: 'real-node-0',
      tolerations: [{ key: 'woow.dev/real-node', operator: 'Exists' }],
    },
  });
  const pod = job.spec!.template.spec!;
  const container = pod.containers[0];

  it('is one try, labelled with the backup id and release, and records its volumes', () => {
    expect(job.metadata!.name).toBe('woow-backup-b1');
    expect(job.spec!.backoffLimit).toBe(0);
    expect(job.spec!.activeDeadlineSeconds).toBe(600);
    expect(job.metadata!.labels).toMatchObject({
      [BACKUP_ID_LABEL]: 'b1',
      [BACKUP_RELEASE_LABEL]: 'paas-ws-w1-app',
      [BACKUP_JOB_LABEL]: 'backup',
    });
    expect(JSON.parse(job.metadata!.annotations![VOLUMES_ANNOTATION])).toEqual([
      { pvc: 'paas-ws-w1-app-data', key: 'release-data' },
    ]);
  });

  it('mounts each PVC at /data/<key> and backs up /data, creating the repository on first use', () => {
    expect(container.args).toEqual([
      '--init',
      'backup',
      '--json',
      '--no-cache',
      '--retry-lock',
      '2m',
      '--host',
      'paas-ws-w1-app',
      '--tag',
      'woow-backup=b1',
      '/data',
    ]);
    expect(container.volumeMounts).toContainEqual({
      name: 'volume-0',
      mountPath: '/data/release-data',
    });
    expect(pod.volumes).toContainEqual({
      name: 'volume-0',
      persistentVolumeClaim: { claimName: 'paas-ws-w1-app-data' },
    });
  });

  it('runs on the node of the volumes, tolerating what the release tolerates', () => {
    expect(
      pod.affinity!.nodeAffinity!
        .requiredDuringSchedulingIgnoredDuringExecution!.nodeSelectorTerms[0]
        .matchFields,
    ).toEqual([
      { key: 'metadata.name', operator: 'In', values: ['real-node-0'] },
    ]);
    expect(pod.tolerations).toEqual([
      { key: 'woow.dev/real-node', operator: 'Exists' },
    ]);
  });

  it('takes credentials from the namespace Secret only: none in the Job itself', () => {
    expect(container.envFrom).toEqual([
      { secretRef: { name: CREDENTIALS_SECRET } },
    ]);
    expect(container.env).toEqual([{ name: 'TMPDIR', value: '/scratch' }]);
    expect(pod.automountServiceAccountToken).toBe(false);
  });
});

describe('restoreJob and forgetJob', () => {
  it('restores the snapshot folder /data over the mounted volumes, deleting what the snapshot lacks, created suspended', () => {
    const job = restoreJob({
      ...common,
      id: 'r1',
      backupId: 'b1',
      sourceRelease: 'paas-ws-w1-old',
      snapshotId: 'abc123',
      volumes: [{ pvc: 'paas-ws-w1-app-data', key: 'release-data' }],
      placement: {},
      suspend: true,
    });
    expect(job.metadata!.name).toBe('woow-restore-r1');
    expect(job.spec!.suspend).toBe(true);
    expect(job.metadata!.labels![BACKUP_ID_LABEL]).toBe('b1');
    expect(job.spec!.template.spec!.containers[0].args).toEqual([
      'restore',
      'abc123:/data',
      '--json',
      '--no-cache',
      '--retry-lock',
      '2m',
      '--target',
      '/data',
      '--delete',
    ]);
    expect(job.spec!.template.spec!.affinity).toBeUndefined();
  });

  it('forgets and prunes exactly the snapshot, mounting no volume', () => {
    const job = forgetJob({ ...common, snapshotId: 'abc123', placement: {} });
    expect(job.metadata!.name).toBe('woow-forget-b1');
    const c = job.spec!.template.spec!.containers[0];
    expect(c.args).toEqual([
      'forget',
      '--json',
      '--no-cache',
      '--retry-lock',
      '2m',
      '--prune',
      'abc123',
    ]);
    expect(c.volumeMounts).toEqual([
      { name: 'scratch', mountPath: '/scratch' },
    ]);
  });
});
