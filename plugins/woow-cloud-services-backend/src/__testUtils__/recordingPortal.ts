import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import type { Server } from 'node:http';
import { woowCloudServicesPlugin } from '../plugin';
import { portalConfig } from './portalConfig';
import { recordingAuditor, recordingNotifications } from './recordingServices';

type Features = Parameters<typeof startTestBackend>[0]['features'];

/**
 * The plugin alone on a test backend, with the auditor and notifications
 * recording what they are given. No operator runs: nothing a test does here
 * may reach helm. More service factories (a recording logger) in `features`.
 */
export async function startRecordingPortal(
  options: { woowCloudServices?: JsonObject; features?: Features } = {},
): Promise<{
  server: Server;
  auditor: ReturnType<typeof recordingAuditor>;
  notifications: ReturnType<typeof recordingNotifications>;
}> {
  const auditor = recordingAuditor();
  const notifications = recordingNotifications();
  const { server } = await startTestBackend({
    features: [
      woowCloudServicesPlugin,
      auditor.factory,
      notifications.factory,
      ...(options.features ?? []),
      mockServices.rootConfig.factory({
        data: portalConfig({
          woowCloudServices: options.woowCloudServices ?? {},
        }),
      }),
    ],
  });
  return { server, auditor, notifications };
}
