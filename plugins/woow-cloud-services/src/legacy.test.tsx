import { screen } from '@testing-library/react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { Route, Routes } from 'react-router-dom';
import {
  createTestClient,
  getJson,
  setupCloudServicesServer,
} from './__testUtils__/server';
import { makeWorkspace } from './__testUtils__/fixtures';
import { cloudServicesApiRef } from './api';
import { legacyRootRouteRef, WoowCloudServicesPage } from './legacy';

describe('legacy exports', () => {
  const server = setupCloudServicesServer();

  it('renders the Cloud Services page in an old-system app', async () => {
    server.use(getJson('/workspaces', { items: [makeWorkspace('member')] }));
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [cloudServicesApiRef, createTestClient()],
          // An old-system app's default APIs include the permission API.
          [
            permissionApiRef,
            mockApis.permission({ authorize: AuthorizeResult.DENY }),
          ],
        ]}
      >
        <Routes>
          <Route path="/cloud-services/*" element={<WoowCloudServicesPage />} />
        </Routes>
      </TestApiProvider>,
      {
        routeEntries: ['/cloud-services'],
        mountedRoutes: { '/cloud-services': legacyRootRouteRef },
      },
    );
    expect(
      await screen.findByRole('link', { name: 'Open workspace Team Alpha' }),
    ).toHaveAttribute('href', '/cloud-services/workspaces/ws1');
  });
});
