import type {
  CloudService,
  ServiceLiveStatus,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';

export interface ReadinessSummary {
  online: boolean;
  /** e.g. "1/2 replicas ready", when the operator reported workloads. */
  detail?: string;
  /** Workload problems worth a user's attention (ImagePullBackOff ...). */
  problems: string[];
}

/**
 * ONLINE/OFFLINE for the Connection card. The backend's live status says it
 * directly; when that could not be read, a settled `running` state is the
 * best guess.
 */
export function summarizeReadiness(
  service: CloudService,
  status: ServiceLiveStatus | undefined,
): ReadinessSummary {
  if (!status) {
    return {
      online: service.state === 'running',
      detail: service.statusDetail ?? undefined,
      problems: [],
    };
  }
  const workloads = status.release?.workloads ?? [];
  const desired = workloads.reduce((n, w) => n + w.desired, 0);
  const ready = workloads.reduce((n, w) => n + w.ready, 0);
  return {
    online: status.online,
    detail:
      workloads.length > 0
        ? `${ready}/${desired} replicas ready`
        : status.message || undefined,
    problems: (status.release?.problems ?? []).map(
      p => `${p.reason}: ${p.message}`,
    ),
  };
}
