import { useEffect, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { UserNotificationSettingsCard } from '@backstage/plugin-notifications';
import { cloudServicesApiRef } from '@woowtech/backstage-plugin-woow-cloud-services';
import {
  CLOUD_SERVICES_NOTIFICATION_ORIGIN,
  workspaceNotificationTopic,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';

/**
 * The notifications plugin's own settings card (per origin and per topic;
 * it shows its own progress and error). Cloud Services notifications carry
 * one topic per workspace, so switching a topic off mutes that workspace;
 * the topics are named after the user's workspaces once those are loaded
 * (until then, or if they cannot be, by their ids).
 */
export function NotificationSettings() {
  const cloudServices = useApi(cloudServicesApiRef);
  const [topicNames, setTopicNames] = useState<Record<string, string>>({});

  useEffect(() => {
    let current = true;
    cloudServices
      .listWorkspaces()
      .then(workspaces => {
        if (!current) return;
        setTopicNames(
          Object.fromEntries(
            workspaces.map(w => [
              workspaceNotificationTopic(w.id),
              `Workspace ${w.name}`,
            ]),
          ),
        );
      })
      .catch(() => {
        // The ids stay readable; the card itself reports its own errors.
      });
    return () => {
      current = false;
    };
  }, [cloudServices]);

  return (
    <UserNotificationSettingsCard
      originNames={{ [CLOUD_SERVICES_NOTIFICATION_ORIGIN]: 'Cloud Services' }}
      topicNames={topicNames}
    />
  );
}
