import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  createExtensionTester,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import userSettingsPlugin from '@backstage/plugin-user-settings/alpha';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  notificationsApiRef,
  type NotificationsApi,
} from '@backstage/plugin-notifications';
import { cloudServicesApiRef } from '@woowtech/backstage-plugin-woow-cloud-services';
import { CLOUD_SERVICES_NOTIFICATION_ORIGIN } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { NotificationSettings } from './NotificationSettings';
import {
  notificationSettingsModule,
  notificationSettingsSubPage,
} from './notificationSettingsModule';

type Settings = Awaited<
  ReturnType<NotificationsApi['getNotificationSettings']>
>;

const settings: Settings = {
  channels: [
    {
      id: 'Web',
      origins: [
        {
          id: CLOUD_SERVICES_NOTIFICATION_ORIGIN,
          enabled: true,
          topics: [{ id: 'workspace:team-a-x1y2', enabled: true }],
        },
      ],
    },
  ],
};

function fakeApis(
  options: {
    load?: () => Promise<Settings>;
    workspaces?: () => Promise<unknown[]>;
  } = {},
) {
  const notifications = {
    getNotificationSettings: jest.fn(options.load ?? (async () => settings)),
    updateNotificationSettings: jest.fn(async (s: Settings) => s),
  };
  const cloudServices = {
    listWorkspaces: jest.fn(
      options.workspaces ??
        (async () => [{ id: 'team-a-x1y2', name: 'Team A', myRole: 'owner' }]),
    ),
  };
  return [
    [notificationsApiRef, notifications as any],
    [cloudServicesApiRef, cloudServices as any],
  ] as const;
}

function render(options: Parameters<typeof fakeApis>[0]) {
  const apis = fakeApis(options);
  renderInTestApp(<NotificationSettings />, { apis });
  return { notifications: apis[0][1] };
}

describe('NotificationSettings', () => {
  it('is a Notifications tab of the user settings page', () => {
    const tester = createExtensionTester(notificationSettingsSubPage);
    expect(tester.get(coreExtensionData.routePath)).toBe('notifications');
    expect(tester.get(coreExtensionData.title)).toBe('Notifications');
  });

  it('appears as a tab of the user settings page of the app', async () => {
    renderTestApp({
      features: [userSettingsPlugin, notificationSettingsModule],
      initialRouteEntries: ['/settings/notifications'],
      apis: fakeApis(),
    });
    expect(
      await screen.findByRole('tab', { name: 'Notifications' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('Cloud Services')).toBeInTheDocument();
  });

  it('lets a user mute one workspace of Cloud Services, named after it', async () => {
    const { notifications } = render({});
    expect(await screen.findByText('Cloud Services')).toBeInTheDocument();
    // Topics are listed below their origin once expanded.
    await userEvent.click(screen.getByRole('button', { name: 'expand row' }));
    const row = (await screen.findByText('Workspace Team A')).closest('tr')!;
    await userEvent.click(within(row).getByRole('switch'));
    await waitFor(() =>
      expect(notifications.updateNotificationSettings).toHaveBeenCalledWith({
        channels: [
          expect.objectContaining({
            id: 'Web',
            origins: [
              expect.objectContaining({
                id: CLOUD_SERVICES_NOTIFICATION_ORIGIN,
                topics: [{ id: 'workspace:team-a-x1y2', enabled: false }],
              }),
            ],
          }),
        ],
      }),
    );
  });

  it('still lists the topic when the workspaces cannot be read', async () => {
    render({
      workspaces: async () => {
        throw new Error('cloud services unreachable');
      },
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'expand row' }),
    );
    expect(
      await screen.findByText('Workspace team a x1y2'),
    ).toBeInTheDocument();
  });

  it('says so when the settings cannot be loaded', async () => {
    render({
      load: async () => {
        throw new Error('notifications backend unreachable');
      },
    });
    expect(
      await screen.findByText(/Failed to load settings/),
    ).toBeInTheDocument();
    expect(screen.queryByText('Cloud Services')).not.toBeInTheDocument();
  });
});
