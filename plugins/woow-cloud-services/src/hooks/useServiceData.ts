import useAsync from 'react-use/esm/useAsync';
import { ResponseError } from '@backstage/errors';
import {
  TRANSITIONAL_STATES,
  type CloudService,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { capabilitiesFor } from '../lib/roles';
import { useCloudServicesApi } from './useCloudServicesApi';
import { usePolledResource } from './usePolledResource';
import {
  useServiceSignals,
  useSignalsAvailable,
  useWorkspaceSignals,
} from './useWorkspaceSignals';

/** Without signals, transitional states are re-read this often until they settle. */
export const TRANSITION_POLL_MS = 3000;

/**
 * With signals, changes arrive pushed; transitional states are still re-read
 * this often, so that a lost signal cannot leave a page stale for good.
 */
export const SIGNALLED_SAFETY_POLL_MS = 30_000;

/** How often to re-read something transitional. */
export function transitionPollMs(signalsAvailable: boolean): number {
  return signalsAvailable ? SIGNALLED_SAFETY_POLL_MS : TRANSITION_POLL_MS;
}

export function pollWhileTransitional(
  service: CloudService | undefined,
  error: Error | undefined,
  everyMs: number,
) {
  // A 404 while deleting means the delete finished: nothing left to watch.
  if (ResponseError.is(error) && error.statusCode === 404) return undefined;
  return service && TRANSITIONAL_STATES.has(service.state)
    ? everyMs
    : undefined;
}

/**
 * Everything a service's pages need: the service (reloaded when the backend
 * signals a change of it; re-read while it is deploying, upgrading, rolling
 * back or deleting: every 3 s without signals, every 30 s with them), the
 * caller's role in its workspace (reloaded when its members change), its
 * template (value specs) and the public config.
 */
export function useServiceData(workspaceId: string, serviceId: string) {
  const api = useCloudServicesApi();
  const everyMs = transitionPollMs(useSignalsAvailable());
  const service = usePolledResource(
    () => api.getService(workspaceId, serviceId),
    [api, workspaceId, serviceId],
    { pollMs: (value, error) => pollWhileTransitional(value, error, everyMs) },
  );
  const workspace = usePolledResource(
    () => api.getWorkspace(workspaceId),
    [api, workspaceId],
  );
  useServiceSignals(workspaceId, serviceId, service.reload);
  useWorkspaceSignals(workspaceId, signal => {
    if (signal.type === 'members-changed') workspace.reload();
  });
  const templateId = service.value?.templateId;
  const template = useAsync(
    async () => (templateId ? api.getTemplate(templateId) : undefined),
    [api, templateId],
  );
  const config = useAsync(() => api.getConfig(), [api]);

  return {
    service,
    workspace,
    template,
    /** Undefined until loaded; pages can fall back to the public URL. */
    baseDomain: config.value?.baseDomain,
    cnameTarget: config.value?.cnameTarget,
    capabilities: capabilitiesFor(workspace.value?.myRole),
  };
}

export type ServiceData = ReturnType<typeof useServiceData>;
