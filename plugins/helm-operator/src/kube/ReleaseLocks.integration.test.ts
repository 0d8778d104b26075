import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { V1MicroTime } from '@kubernetes/client-node';
import {
  deleteNamespaces,
  kubeClients,
  requireTestEnv,
  runId,
} from '../__testUtils__/testenv';
import { ReleaseLocks } from './ReleaseLocks';

jest.setTimeout(60_000);
requireTestEnv();

const kube = kubeClients();
const ns = `paas-ws-rl${runId()}`;
const ref = { namespace: ns, releaseName: `${ns}-app` };
const locks = (timing?: { leaseSeconds: number; renewSeconds: number }) =>
  new ReleaseLocks(kube, mockServices.logger.mock(), timing);
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const readLease = () =>
  kube.coordination.readNamespacedLease({
    name: `woow-op-${ref.releaseName}`,
    namespace: ns,
  });

/** Release leases between operator replicas, on the real API server. */
describe('ReleaseLocks', () => {
  beforeAll(async () => {
    await kube.core.createNamespace({ body: { metadata: { name: ns } } });
  });
  afterAll(() => deleteNamespaces(kube, [ns]));

  it('holds a short lease during a long operation, so a dead holder frees it soon', async () => {
    // A 300 s install: what a killed replica leaves must not block the
    // release for those 300 s (plus a margin), only for the lease's own time.
    const lease = await locks().withLock(ref, 'install', 300, readLease);
    expect(lease.spec?.leaseDurationSeconds).toBe(30);
    expect(lease.metadata?.annotations?.['woow.cloud/time-limit-seconds']).toBe(
      '300',
    );
    await expect(readLease()).rejects.toMatchObject({ code: 404 });
  });

  it('keeps renewing while the operation runs: another replica still gets 409 past the lease time', async () => {
    const timing = { leaseSeconds: 2, renewSeconds: 0.5 };
    const holder = locks(timing);
    const other = locks(timing);
    let finish!: () => void;
    const operation = holder.withLock(
      ref,
      'install',
      300,
      () => new Promise<void>(resolve => (finish = resolve)),
    );
    // Past two lease times: only renewals keep the lease from expiring.
    await sleep(4_500);
    await expect(
      other.withLock(ref, 'upgrade', 300, async () => 'ran'),
    ).rejects.toBeInstanceOf(ConflictError);
    const renewed = await readLease();
    expect(
      new Date(renewed.spec!.renewTime!).getTime() -
        new Date(renewed.spec!.acquireTime!).getTime(),
    ).toBeGreaterThan(2_000);
    finish();
    await operation;
    await expect(
      other.withLock(ref, 'upgrade', 300, async () => 'ran'),
    ).resolves.toBe('ran');
  });

  it('takes over the lease of a holder that stopped renewing once it expired', async () => {
    // What a SIGKILLed replica leaves: a lease nobody renews.
    await kube.coordination.createNamespacedLease({
      namespace: ns,
      body: {
        metadata: { name: `woow-op-${ref.releaseName}`, namespace: ns },
        spec: {
          holderIdentity: 'dead-replica/1/x',
          leaseDurationSeconds: 1,
          acquireTime: new V1MicroTime(Date.now() - 5_000),
          renewTime: new V1MicroTime(Date.now() - 5_000),
        },
      },
    });
    await expect(
      locks().withLock(ref, 'install', 300, async () => 'ran'),
    ).resolves.toBe('ran');
  });
});
