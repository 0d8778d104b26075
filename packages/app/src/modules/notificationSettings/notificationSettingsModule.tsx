import {
  createFrontendModule,
  SubPageBlueprint,
} from '@backstage/frontend-plugin-api';

/** A "Notifications" tab on the user settings page. */
export const notificationSettingsSubPage = SubPageBlueprint.make({
  attachTo: { id: 'page:user-settings', input: 'pages' },
  name: 'notifications',
  params: {
    path: 'notifications',
    title: 'Notifications',
    loader: () =>
      import('./NotificationSettings').then(m => <m.NotificationSettings />),
  },
});

export const notificationSettingsModule = createFrontendModule({
  pluginId: 'user-settings',
  extensions: [notificationSettingsSubPage],
});
