import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  DefaultAuditorService,
  type AuditorEvent,
} from '@backstage/backend-defaults/auditor';
import {
  notificationService,
  type NotificationSendOptions,
} from '@backstage/plugin-notifications-node';

/**
 * The real auditor of @backstage/backend-defaults (actor from the request's
 * credentials, event shapes) writing into `events` instead of the logger.
 * One list across plugins: each event names its plugin.
 */
export function recordingAuditor() {
  const events: AuditorEvent[] = [];
  const factory = createServiceFactory({
    service: coreServices.auditor,
    deps: {
      auth: coreServices.auth,
      httpAuth: coreServices.httpAuth,
      plugin: coreServices.pluginMetadata,
    },
    factory: ({ auth, httpAuth, plugin }) =>
      DefaultAuditorService.create(
        async event => {
          events.push(event);
        },
        { auth, httpAuth, plugin },
      ),
  });
  return { events, factory };
}

/** A notification service that keeps what it is asked to send. */
export function recordingNotifications() {
  const sent: NotificationSendOptions[] = [];
  const factory = createServiceFactory({
    service: notificationService,
    deps: {},
    factory: () => ({
      async send(options: NotificationSendOptions) {
        sent.push(options);
      },
    }),
  });
  return { sent, factory };
}
