import { ResponseError } from '@backstage/errors';
import { delay, http, HttpResponse } from 'msw';
import {
  BASE_URL,
  createTestClient,
  errorResponse,
  setupCloudServicesServer,
} from '../__testUtils__/server';
import {
  CONFIG,
  makeLiveStatus,
  makeMetrics,
  makeRevisionList,
  makeService,
  makeTemplate,
  makeWorkspace,
} from '../__testUtils__/fixtures';
import { fieldErrorsOf } from '../lib/errors';
import { RequestTimeoutError } from '@woowtech/backstage-plugin-woow-cloud-services-common';

describe('CloudServicesClient', () => {
  const server = setupCloudServicesServer();
  const client = createTestClient();

  it('sends template filters as query parameters and parses the items', async () => {
    let url: URL | undefined;
    server.use(
      http.get(`${BASE_URL}/templates`, ({ request }) => {
        url = new URL(request.url);
        return HttpResponse.json({ items: [makeTemplate()] });
      }),
    );
    const templates = await client.listTemplates({
      category: 'database',
      search: 'pg',
      tags: ['SQL', 'Cache'],
    });
    expect(templates.map(t => t.name)).toEqual(['PostgreSQL']);
    expect(url?.searchParams.get('category')).toBe('database');
    expect(url?.searchParams.get('search')).toBe('pg');
    expect(url?.searchParams.get('tags')).toBe('SQL,Cache');
  });

  it('refuses a response that does not match the shared schema', async () => {
    server.use(
      http.get(`${BASE_URL}/workspaces/ws1`, () =>
        HttpResponse.json({ id: 'ws1', name: 42 }),
      ),
    );
    await expect(client.getWorkspace('ws1')).rejects.toThrow(
      /unexpected response to GET \/workspaces\/ws1 \(name: /,
    );
  });

  it('refuses a list response without items', async () => {
    server.use(http.get(`${BASE_URL}/workspaces`, () => HttpResponse.json([])));
    await expect(client.listWorkspaces()).rejects.toThrow(
      'The Cloud Services backend sent an unexpected response to GET /workspaces',
    );
  });

  it('turns error statuses into ResponseErrors carrying the server message', async () => {
    server.use(
      http.get(`${BASE_URL}/workspaces/ws1/services/nope`, () =>
        errorResponse(404, 'NotFoundError', 'Service nope not found'),
      ),
    );
    const error = await client.getService('ws1', 'nope').catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(404);
    expect(error.cause.message).toBe('Service nope not found');
  });

  it('keeps the field errors of a 400', async () => {
    server.use(
      http.post(`${BASE_URL}/workspaces/ws1/services`, () =>
        errorResponse(400, 'InputError', 'Invalid input', {
          fields: [{ field: 'subdomain', message: 'is taken' }],
        }),
      ),
    );
    const error = await client
      .createService('ws1', { templateId: 't', name: 'n', subdomain: 's' })
      .catch(e => e);
    expect(fieldErrorsOf(error)).toEqual([
      { field: 'subdomain', message: 'is taken' },
    ]);
  });

  it('gives up after the time limit with a message that says so', async () => {
    server.use(
      http.get(`${BASE_URL}/workspaces`, async () => {
        await delay(500);
        return HttpResponse.json({ items: [] });
      }),
    );
    const impatient = createTestClient(50);
    const error = await impatient.listWorkspaces().catch(e => e);
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(error.message).toMatch(
      /did not answer within 0 seconds \(GET \/workspaces\)/,
    );
  });

  it('arms a 30 second time limit by default', async () => {
    server.use(
      http.get(`${BASE_URL}/workspaces`, () =>
        HttpResponse.json({ items: [] }),
      ),
    );
    const spy = jest.spyOn(globalThis, 'setTimeout');
    try {
      await client.listWorkspaces();
      expect(spy.mock.calls.some(([, ms]) => ms === 30_000)).toBe(true);
    } finally {
      spy.mockRestore();
    }
  });

  it('reports metrics that are not set up as a state, not an error', async () => {
    server.use(
      http.get(`${BASE_URL}/workspaces/ws1/services/svc1/metrics`, () =>
        HttpResponse.json(
          { error: { message: 'Prometheus is not configured' } },
          { status: 503 },
        ),
      ),
    );
    await expect(client.getMetrics('ws1', 'svc1', '1h')).resolves.toEqual({
      status: 'unavailable',
      message: expect.stringContaining('Prometheus is not configured'),
    });
  });

  it('returns metrics with the requested range', async () => {
    let range: string | null = null;
    server.use(
      http.get(
        `${BASE_URL}/workspaces/ws1/services/svc1/metrics`,
        ({ request }) => {
          range = new URL(request.url).searchParams.get('range');
          return HttpResponse.json(makeMetrics('7d'));
        },
      ),
    );
    const result = await client.getMetrics('ws1', 'svc1', '7d');
    expect(range).toBe('7d');
    expect(result.status).toBe('ok');
  });

  it('sends the version with an update', async () => {
    let body: unknown;
    server.use(
      http.patch(
        `${BASE_URL}/workspaces/ws1/services/svc1`,
        async ({ request }) => {
          body = await request.json();
          return HttpResponse.json(makeService({ name: 'New' }));
        },
      ),
    );
    await expect(
      client.updateService('ws1', 'svc1', { version: 7, name: 'New' }),
    ).resolves.toMatchObject({ name: 'New' });
    expect(body).toEqual({ version: 7, name: 'New' });
  });

  it('parses the service an update returns', async () => {
    server.use(
      http.patch(`${BASE_URL}/workspaces/ws1/services/svc1`, () =>
        HttpResponse.json(makeService({ state: 'upgrading' })),
      ),
    );
    const updated = await client.updateService('ws1', 'svc1', { version: 7 });
    expect(updated?.state).toBe('upgrading');
  });

  it('deletes with the data choice and version in the query', async () => {
    let url: URL | undefined;
    server.use(
      http.delete(`${BASE_URL}/workspaces/ws1/services/svc1`, ({ request }) => {
        url = new URL(request.url);
        return HttpResponse.json(makeService({ state: 'deleting' }), {
          status: 202,
        });
      }),
    );
    await client.deleteService('ws1', 'svc1', { deleteData: true, version: 3 });
    expect(url?.searchParams.get('deleteData')).toBe('true');
    expect(url?.searchParams.get('version')).toBe('3');
  });

  it('encodes path segments', async () => {
    let path = '';
    server.use(
      http.get(`${BASE_URL}/subdomains/:sub/availability`, ({ request }) => {
        path = new URL(request.url).pathname;
        return HttpResponse.json({
          subdomain: 'a b',
          available: false,
          reason: 'must be a DNS label',
          fqdn: 'a b.woow.test',
        });
      }),
    );
    const result = await client.checkSubdomain('a b');
    expect(path).toBe('/api/woow-cloud-services/subdomains/a%20b/availability');
    expect(result.available).toBe(false);
  });

  it('reads the installation config and live status with the shared schemas', async () => {
    server.use(
      http.get(`${BASE_URL}/config`, () => HttpResponse.json(CONFIG)),
      http.get(`${BASE_URL}/workspaces/ws1/services/svc1/status`, () =>
        HttpResponse.json(makeLiveStatus(0, 2)),
      ),
    );
    await expect(client.getConfig()).resolves.toMatchObject({
      baseDomain: 'woow.test',
      cnameTarget: '{subdomain}.woow.test',
    });
    const status = await client.getServiceStatus('ws1', 'svc1');
    expect(status.online).toBe(false);
    expect(status.release?.workloads[0]).toMatchObject({
      desired: 2,
      ready: 0,
    });
  });

  it('returns the revision history with the current revision', async () => {
    server.use(
      http.get(`${BASE_URL}/workspaces/ws1/services/svc1/revisions`, () =>
        HttpResponse.json(makeRevisionList(undefined, 2)),
      ),
    );
    const history = await client.listRevisions('ws1', 'svc1');
    expect(history.currentRevision).toBe(2);
    expect(history.items.map(r => r.revision)).toEqual([1, 2]);
  });

  it('creates a workspace and parses the answer', async () => {
    server.use(
      http.post(`${BASE_URL}/workspaces`, async ({ request }) => {
        const body = (await request.json()) as { name: string };
        return HttpResponse.json(makeWorkspace('owner', { name: body.name }), {
          status: 201,
        });
      }),
    );
    const ws = await client.createWorkspace({ name: 'Beta', description: '' });
    expect(ws).toMatchObject({ name: 'Beta', myRole: 'owner' });
  });
});
