import type {
  Plan,
  WorkspaceQuotaLeft,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';

const GIB = 2 ** 30;

/** A plan setting the bitnami primary's cpu request. */
export function makePlan(
  id: string,
  name: string,
  resources: { cpu: string; memory: string },
  monthlyPrice = 10,
): Plan {
  return {
    id,
    name,
    resources,
    monthlyPrice,
    values: { 'primary.resources.requests.cpu': resources.cpu },
  };
}

/** Quota left of workspace ws1: cpu and memory, as hard and used (GiB for memory). */
export function makeQuotaLeft(
  cpu: { hard: number; used: number },
  memoryGib: { hard: number; used: number },
): WorkspaceQuotaLeft {
  return {
    workspaceId: 'ws1',
    namespace: 'paas-ws-ws1',
    enforced: true,
    resources: [
      { key: 'requests.cpu', ...cpu, left: cpu.hard - cpu.used },
      {
        key: 'requests.memory',
        hard: memoryGib.hard * GIB,
        used: memoryGib.used * GIB,
        left: (memoryGib.hard - memoryGib.used) * GIB,
      },
    ],
  };
}
