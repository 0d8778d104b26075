import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { makeService } from '@woowtech/backstage-plugin-woow-cloud-services-common/testUtils';
import { CloudServicesUserClient } from './CloudServicesUserClient';

function setup(respond: (url: string, init: RequestInit) => Response) {
  const requests: Array<{ url: string; init: RequestInit }> = [];
  const fetch = (async (url: string, init: RequestInit) => {
    requests.push({ url, init });
    return respond(url, init);
  }) as unknown as typeof globalThis.fetch;
  const apiFor = CloudServicesUserClient.factory({
    discovery: mockServices.discovery(),
    auth: mockServices.auth({ pluginId: 'scaffolder' }),
    fetch,
  });
  return { api: apiFor(mockCredentials.user('user:default/jane')), requests };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

describe('CloudServicesUserClient', () => {
  it('calls the backend on behalf of the initiating user', async () => {
    const { api, requests } = setup(() => json(makeService()));
    const service = await api.getService('team-a', 'svc-1');
    expect(service.id).toBe('svc-1');
    expect(requests[0].url).toBe(
      'http://localhost:0/api/woow-cloud-services/workspaces/team-a/services/svc-1',
    );
    const token = (requests[0].init.headers as Record<string, string>)
      .Authorization;
    // The mock token names the user it acts for and the plugin it is for.
    expect(token).toContain('"obo":"user:default/jane"');
    expect(token).toContain('"target":"woow-cloud-services"');
  });

  it('sends writes as JSON and deletes with version and data choice in the query', async () => {
    const { api, requests } = setup(() =>
      json(makeService({ state: 'deleting' }), 202),
    );
    await api.deleteService('team-a', 'svc 1', {
      deleteData: true,
      version: 4,
    });
    expect(requests[0].init.method).toBe('DELETE');
    expect(requests[0].url).toMatch(
      /\/services\/svc%201\?deleteData=true&version=4$/,
    );
  });

  it('carries the backend message in the error type of its status', async () => {
    const body = (status: number, message: string) =>
      json(
        { error: { name: 'Error', message }, response: { statusCode: status } },
        status,
      );
    const notFound = setup(() => body(404, 'Service svc-9 not found'));
    await expect(
      notFound.api.getService('team-a', 'svc-9'),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
      message: 'Cloud Services getService: Service svc-9 not found',
    });
    const conflict = setup(() => body(409, 'The service was changed'));
    await expect(
      conflict.api.updateService('team-a', 'svc-1', { version: 1, name: 'x' }),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message: 'Cloud Services updateService: The service was changed',
    });
    const down = setup(() => body(503, 'operator unavailable'));
    await expect(down.api.listMyWorkspaces()).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: 'Cloud Services listWorkspaces: operator unavailable',
    });
  });
});
