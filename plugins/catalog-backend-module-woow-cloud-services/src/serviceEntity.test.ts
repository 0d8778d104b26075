import { resourceEntityV1alpha1Validator } from '@backstage/catalog-model';
import { enforceCatalogPolicies } from './__testUtils__/catalogPolicies';
import { makeFeedService } from '@woowtech/backstage-plugin-woow-cloud-services-common/testUtils';
import { serviceEntity } from './serviceEntity';

describe('serviceEntity', () => {
  it('is a cloud-service Resource named by its release, owned by the workspace owner', async () => {
    const entity = serviceEntity(makeFeedService(), {
      appBaseUrl: 'http://portal.test/',
    });
    expect(await resourceEntityV1alpha1Validator.check(entity)).toBe(true);
    await expect(enforceCatalogPolicies(entity)).resolves.toBeDefined();
    expect(entity).toMatchObject({
      kind: 'Resource',
      metadata: {
        name: 'paas-ws-team-a-k3x9q2',
        namespace: 'default',
        title: 'Orders DB',
      },
      spec: { type: 'cloud-service', owner: 'user:default/jane' },
    });
    expect(entity.metadata.tags).toEqual(['cloud-service', 'postgresql']);
  });

  it('lets the Kubernetes plugin find its workloads and us find the service', () => {
    expect(serviceEntity(makeFeedService()).metadata.annotations).toEqual({
      'backstage.io/managed-by-location': 'woow-cloud-services:service/svc-1',
      'backstage.io/managed-by-origin-location':
        'woow-cloud-services:service/svc-1',
      'backstage.io/kubernetes-id': 'paas-ws-team-a-k3x9q2',
      'backstage.io/kubernetes-namespace': 'paas-ws-team-a',
      'backstage.io/kubernetes-label-selector':
        'app.kubernetes.io/instance=paas-ws-team-a-k3x9q2',
      'woow.cloud/service-id': 'svc-1',
      'woow.cloud/workspace-id': 'team-a',
      'woow.cloud/template-slug': 'postgresql',
    });
  });

  it('links the web UI, the custom domain and the service page', () => {
    const entity = serviceEntity(
      makeFeedService({ customDomain: 'db.example.com' }),
      {
        appBaseUrl: 'http://portal.test/',
      },
    );
    expect(entity.metadata.links).toEqual([
      expect.objectContaining({
        title: 'Open Web UI',
        url: 'https://orders-db.woowtech.com',
      }),
      expect.objectContaining({ url: 'https://db.example.com' }),
      expect.objectContaining({
        title: 'Manage in Cloud Services',
        url: 'http://portal.test/cloud-services/workspaces/team-a/services/svc-1',
      }),
    ]);
  });

  it('passes the catalog policies without an app base URL, leaving out the relative page link', async () => {
    const entity = serviceEntity(makeFeedService());
    await expect(enforceCatalogPolicies(entity)).resolves.toBeDefined();
    expect(entity.metadata.links).toHaveLength(1);
  });

  it('says which workspace it lives in', () => {
    expect(
      serviceEntity(makeFeedService({ workspaceName: 'Team A' })).metadata
        .description,
    ).toBe('postgresql deployed in workspace Team A (team-a)');
  });
});
