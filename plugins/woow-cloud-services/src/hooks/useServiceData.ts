import useAsync from 'react-use/esm/useAsync';
import { ResponseError } from '@backstage/errors';
import {
  TRANSITIONAL_STATES,
  type CloudService,
} from '@internal/backstage-plugin-woow-cloud-services-common';
import { capabilitiesFor } from '../lib/roles';
import { useCloudServicesApi } from './useCloudServicesApi';
import { usePolledResource } from './usePolledResource';

/** Transitional states are re-read this often until they settle. */
export const TRANSITION_POLL_MS = 3000;

export function pollWhileTransitional(
  service: CloudService | undefined,
  error?: Error,
) {
  // A 404 while deleting means the delete finished: nothing left to watch.
  if (ResponseError.is(error) && error.statusCode === 404) return undefined;
  return service && TRANSITIONAL_STATES.has(service.state)
    ? TRANSITION_POLL_MS
    : undefined;
}

/**
 * Everything a service's pages need: the service (re-read every 3 s while
 * it is deploying, upgrading, rolling back or deleting), the caller's role
 * in its workspace, its template (value specs) and the public config.
 */
export function useServiceData(workspaceId: string, serviceId: string) {
  const api = useCloudServicesApi();
  const service = usePolledResource(
    () => api.getService(workspaceId, serviceId),
    [api, workspaceId, serviceId],
    { pollMs: pollWhileTransitional },
  );
  const workspace = usePolledResource(
    () => api.getWorkspace(workspaceId),
    [api, workspaceId],
  );
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
