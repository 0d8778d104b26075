/**
 * The service page of the frontend plugin (absolute when the app's base URL
 * is known): the catalog's links and the scaffolder's output point at it.
 */
export function servicePageUrl(
  workspaceId: string,
  serviceId: string,
  appBaseUrl?: string,
): string {
  const path = `/cloud-services/workspaces/${encodeURIComponent(
    workspaceId,
  )}/services/${encodeURIComponent(serviceId)}`;
  return appBaseUrl ? `${appBaseUrl.replace(/\/+$/, '')}${path}` : path;
}
