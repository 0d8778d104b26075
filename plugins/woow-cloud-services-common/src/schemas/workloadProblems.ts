/**
 * Container waiting reasons that do not fix themselves: the operator reports
 * a container waiting for one of them as a workload problem.
 */
export const STUCK_CONTAINER_REASONS: ReadonlySet<string> = new Set([
  'ImagePullBackOff',
  'ErrImagePull',
  'CrashLoopBackOff',
  'CreateContainerConfigError',
  'CreateContainerError',
  'InvalidImageName',
  'RunContainerError',
]);

/**
 * Workload problems that waiting will not clear (stuck containers, a crash
 * loop of a container over its memory limit, and pods the namespace's quota
 * does not let in): the backend gives up on a deploy
 * showing one after a short grace period instead of the settle timeout, and
 * moves a running service showing one to error.
 */
export const FATAL_PROBLEM_REASONS: ReadonlySet<string> = new Set([
  ...STUCK_CONTAINER_REASONS,
  'OOMKilled',
  'QuotaExceeded',
]);
