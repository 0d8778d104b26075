/**
 * Who Woow Cloud Services notifications come from, as the notifications
 * plugin records it: the backend plugin's service principal.
 */
export const CLOUD_SERVICES_NOTIFICATION_ORIGIN = 'plugin:woow-cloud-services';

/**
 * The notification topic of a workspace: what a user switches off in the
 * notification settings to mute that workspace.
 */
export function workspaceNotificationTopic(workspaceId: string): string {
  return `workspace:${workspaceId}`;
}
