import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import type { Entity } from '@backstage/catalog-model';
import {
  createTestClient,
  getJson,
  setupCloudServicesServer,
} from './__testUtils__/server';
import {
  CONFIG,
  makeService,
  makeTemplate,
  makeWorkspace,
} from './__testUtils__/fixtures';
import { cloudServicesApiRef } from './api';
import {
  cloudServicesPage,
  entityServiceConfigurationContent,
  entityServiceMetricsContent,
  entityServiceOverviewContent,
  entityServiceRevisionsContent,
  woowCloudServicesPlugin,
} from './plugin';
import { isCloudServiceEntity } from './entity';

const entity = (kind: string, type: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x' },
  spec: { type },
});

describe('woowCloudServicesPlugin', () => {
  const server = setupCloudServicesServer();

  it('has the extensions an app configures by id', () => {
    for (const id of [
      'api:woow-cloud-services',
      'page:woow-cloud-services',
      'entity-content:woow-cloud-services/overview',
      'entity-content:woow-cloud-services/configuration',
      'entity-content:woow-cloud-services/metrics',
      'entity-content:woow-cloud-services/revisions',
    ]) {
      expect(woowCloudServicesPlugin.getExtension(id as any)).toBeDefined();
    }
  });

  it('mounts the page at /cloud-services with a Cloud Services title for the nav', () => {
    const tester = createExtensionTester(cloudServicesPage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/cloud-services');
    expect(tester.get(coreExtensionData.title)).toBe('Cloud Services');
    expect(tester.get(coreExtensionData.icon)).toBeTruthy();
  });

  it.each([
    ['overview', entityServiceOverviewContent, 'Service Overview'],
    ['configuration', entityServiceConfigurationContent, 'Configuration'],
    ['metrics', entityServiceMetricsContent, 'Metrics'],
    ['revisions', entityServiceRevisionsContent, 'Revisions'],
  ] as const)(
    'shows the %s entity tab only on cloud-service resources',
    (_n, ext, title) => {
      // The four definitions differ only in their name type parameter.
      const tester = createExtensionTester(
        ext as typeof entityServiceOverviewContent,
      );
      expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(title);
      const filter = tester.get(
        EntityContentBlueprint.dataRefs.filterFunction,
      )!;
      expect(filter(entity('Resource', 'cloud-service'))).toBe(true);
      expect(filter(entity('Resource', 'database'))).toBe(false);
      expect(filter(entity('Component', 'cloud-service'))).toBe(false);
    },
  );

  it('agrees with isCloudServiceEntity', () => {
    expect(isCloudServiceEntity(entity('Resource', 'cloud-service'))).toBe(
      true,
    );
    expect(isCloudServiceEntity(entity('Resource', 'website'))).toBe(false);
  });

  it('routes inside the page: workspace list -> dashboard -> service detail', async () => {
    server.use(
      getJson('/workspaces', { items: [makeWorkspace('admin')] }),
      getJson('/workspaces/ws1', makeWorkspace('admin')),
      getJson('/workspaces/ws1/services', { items: [makeService()] }),
      getJson('/workspaces/ws1/members', { items: [] }),
      getJson('/templates', { items: [makeTemplate()] }),
      getJson('/workspaces/ws1/services/svc1', makeService()),
      getJson('/templates/tpl-postgres', makeTemplate()),
      getJson('/config', CONFIG),
      getJson('/workspaces/ws1/services/svc1/status', {}),
      getJson('/workspaces/ws1/services/svc1/metrics', {}),
    );
    renderTestApp({
      features: [woowCloudServicesPlugin],
      apis: [[cloudServicesApiRef, createTestClient()]],
      initialRouteEntries: ['/cloud-services'],
    });
    const ws = await screen.findByRole('link', {
      name: 'Open workspace Team Alpha',
    });
    expect(ws).toHaveAttribute('href', '/cloud-services/workspaces/ws1');
    await userEvent.click(ws);
    const svc = await screen.findByRole('link', { name: 'Open Orders DB' });
    expect(svc).toHaveAttribute(
      'href',
      '/cloud-services/workspaces/ws1/services/svc1',
    );
    expect(screen.getByRole('button', { name: 'Add Service' })).toHaveAttribute(
      'href',
      '/cloud-services/workspaces/ws1/services/new',
    );
    await userEvent.click(svc);
    expect(
      await screen.findByRole('tab', { name: 'Configuration' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Orders DB' }),
    ).toBeInTheDocument();
  });
});
