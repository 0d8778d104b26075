import {
  CoreV1Event,
  V1Container,
  V1ContainerStatus,
  V1LabelSelector,
  V1Pod,
} from '@kubernetes/client-node';
import {
  ContainerResources,
  HelmReleaseStatus,
  PodStatus,
  ReleaseState,
  STUCK_CONTAINER_REASONS,
  WorkloadProblem,
  WorkloadStatus,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';

// Pure functions from Kubernetes objects to the status the API reports, kept
// apart from the API calls so every rule is unit-tested.

/** A workload with whether its controller has seen its latest spec yet. */
export interface ObservedWorkload extends WorkloadStatus {
  observed: boolean;
}

/** `k=v,k2 in (a,b)` from a label selector, for a list call. */
export function selectorToString(
  selector: V1LabelSelector | undefined,
): string {
  const parts = Object.entries(selector?.matchLabels ?? {}).map(
    ([k, v]) => `${k}=${v}`,
  );
  for (const e of selector?.matchExpressions ?? []) {
    const values = (e.values ?? []).join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${values})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${values})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.join(',');
}

export function describePod(
  pod: V1Pod,
  workload: string,
): { status: PodStatus; problems: WorkloadProblem[] } {
  const name = pod.metadata?.name ?? '';
  const containers = [
    ...(pod.status?.initContainerStatuses ?? []),
    ...(pod.status?.containerStatuses ?? []),
  ];
  const problems: WorkloadProblem[] = [];
  for (const c of containers) {
    const waiting = c.state?.waiting;
    if (waiting?.reason && STUCK_CONTAINER_REASONS.has(waiting.reason)) {
      problems.push({
        ...stuckContainerProblem(c, pod),
        object: `Pod/${name}`,
      });
    }
  }
  const conditions = pod.status?.conditions ?? [];
  const scheduled = conditions.find(c => c.type === 'PodScheduled');
  if (scheduled?.status === 'False' && scheduled.reason === 'Unschedulable') {
    problems.push({
      reason: 'Unschedulable',
      object: `Pod/${name}`,
      message: scheduled.message ?? 'no node can run the pod',
    });
  }
  const waitingReason = containers
    .map(c => c.state?.waiting?.reason)
    .find(Boolean);
  const reason = problems[0]?.reason ?? pod.status?.reason ?? waitingReason;
  return {
    status: {
      name,
      workload,
      phase: pod.status?.phase ?? 'Unknown',
      ready: conditions.some(c => c.type === 'Ready' && c.status === 'True'),
      restarts: containers.reduce((n, c) => n + (c.restartCount ?? 0), 0),
      ...(reason ? { reason } : {}),
      containers: [
        ...(pod.spec?.initContainers ?? []).map(c =>
          containerResources(c, true),
        ),
        ...(pod.spec?.containers ?? []).map(c => containerResources(c, false)),
      ],
    },
    problems,
  };
}

/**
 * Why a stuck container is stuck. A crash loop whose last run the kernel
 * ended for going over the memory limit is reported as `OOMKilled`, with the
 * limit, since "back-off restarting failed container" alone hides the cause.
 */
function stuckContainerProblem(
  c: V1ContainerStatus,
  pod: V1Pod,
): Omit<WorkloadProblem, 'object'> {
  const waiting = c.state?.waiting;
  const last = c.lastState?.terminated;
  if (waiting?.reason === 'CrashLoopBackOff' && last?.reason === 'OOMKilled') {
    const limit = [
      ...(pod.spec?.initContainers ?? []),
      ...(pod.spec?.containers ?? []),
    ].find(s => s.name === c.name)?.resources?.limits?.memory;
    return {
      reason: 'OOMKilled',
      message: `container ${c.name}: killed for running out of memory${
        limit ? ` (limit ${limit})` : ''
      }, exit code ${last.exitCode}; restarting with back-off`,
    };
  }
  return {
    reason: waiting?.reason ?? 'Unknown',
    message: `container ${c.name}: ${waiting?.message ?? waiting?.reason}`,
  };
}

/** A container's requests and limits as quantities (the client may hold numbers). */
export function containerResources(
  container: V1Container,
  init: boolean,
): ContainerResources {
  const list = (resources: Record<string, unknown> | undefined) =>
    Object.fromEntries(
      Object.entries(resources ?? {}).map(([k, v]) => [k, String(v)]),
    );
  return {
    name: container.name,
    init,
    requests: list(container.resources?.requests),
    limits: list(container.resources?.limits),
  };
}

/**
 * FailedCreate events of the given controllers (ReplicaSets of a Deployment,
 * a StatefulSet ...): pods the controller could not even create, most often
 * because the namespace's quota is used up. The newest event per object.
 */
export function failedCreateProblems(
  events: CoreV1Event[],
  owners: Map<string, string>,
): WorkloadProblem[] {
  const newest = new Map<string, CoreV1Event>();
  const time = (e: CoreV1Event) =>
    new Date(
      e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp ?? 0,
    ).getTime();
  for (const e of events) {
    const uid = e.involvedObject?.uid;
    if (e.reason !== 'FailedCreate' || !uid || !owners.has(uid)) continue;
    const seen = newest.get(uid);
    if (!seen || time(e) > time(seen)) newest.set(uid, e);
  }
  return [...newest.entries()].map(([uid, e]) => ({
    reason: /exceeded quota/i.test(e.message ?? '')
      ? 'QuotaExceeded'
      : 'FailedCreate',
    object: owners.get(uid)!,
    message: e.message ?? 'pods could not be created',
  }));
}

export function isWorkloadReady(w: ObservedWorkload): boolean {
  return w.observed && w.ready >= w.desired && w.updated >= w.desired;
}

/** One state for the whole release, and a sentence saying why. */
export function summarizeReleaseState(
  helmStatus: HelmReleaseStatus,
  workloads: ObservedWorkload[],
  problems: WorkloadProblem[],
): { state: ReleaseState; message: string } {
  if (helmStatus.startsWith('pending-') || helmStatus === 'uninstalling') {
    return {
      state: 'pending-operation',
      message: `helm reports ${helmStatus}: an operation is running or was interrupted (POST .../recover if it stays so)`,
    };
  }
  const problemText = problems.length
    ? `: ${problems.map(p => `${p.object} ${p.reason}`).join(', ')}`
    : '';
  if (helmStatus === 'failed') {
    return {
      state: 'failed',
      message: `The last helm operation failed${problemText}`,
    };
  }
  if (helmStatus !== 'deployed') {
    return { state: 'unknown', message: `helm reports ${helmStatus}` };
  }
  const waiting = workloads.filter(w => !isWorkloadReady(w));
  if (waiting.length === 0) {
    return {
      state: 'running',
      message: `${workloads.length} workload(s) ready`,
    };
  }
  const progress = waiting
    .map(w => `${w.kind}/${w.name} ${w.ready}/${w.desired} ready`)
    .join(', ');
  if (problems.length) {
    const someReady = workloads.some(w => w.ready > 0);
    return {
      state: someReady ? 'degraded' : 'failed',
      message: `${progress}${problemText}`,
    };
  }
  return { state: 'progressing', message: progress };
}
