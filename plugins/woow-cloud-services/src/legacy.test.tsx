import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
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
      <TestApiProvider apis={[[cloudServicesApiRef, createTestClient()]]}>
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
