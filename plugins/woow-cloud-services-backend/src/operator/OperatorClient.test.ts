import { mockServices } from '@backstage/backend-test-utils';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigReader } from '@backstage/config';
import {
  isTransientOperatorError,
  OperatorClient,
  readOperatorEndpoint,
} from './OperatorClient';
import { retryAfterOf } from '@woowtech/backstage-plugin-woow-cloud-services-common';

/** A tiny stand-in HTTP server: each test says what the next request gets. */
let respond: (req: http.IncomingMessage, res: http.ServerResponse) => void;
let seen: { method?: string; url?: string; auth?: string; body?: string };
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', c => (body += c));
  req.on('end', () => {
    seen = {
      method: req.method,
      url: req.url,
      auth: req.headers.authorization,
      body,
    };
    respond(req, res);
  });
});

function json(status: number, body: unknown) {
  return (_req: http.IncomingMessage, res: http.ServerResponse) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
}

describe('OperatorClient', () => {
  let client: OperatorClient;
  /** A client giving up after `ms` (the default only catches hangs: a loaded machine answers slowly). */
  const clientWithTimeout = (ms: number) => {
    const { port } = server.address() as AddressInfo;
    return new OperatorClient({
      discovery: mockServices.discovery.mock({
        getBaseUrl: async () => `http://127.0.0.1:${port}/api/helm-operator`,
      }),
      auth: mockServices.auth(),
      timeoutsMs: { read: ms, write: ms },
    });
  };

  beforeAll(async () => {
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    client = clientWithTimeout(30_000);
  });
  afterAll(() => new Promise(resolve => server.close(resolve)));

  it('calls the operator with a plugin token and parses the answer', async () => {
    respond = json(201, {
      namespace: 'paas-ws-a',
      releaseName: 'paas-ws-a-x',
      status: 'deployed',
      revision: 1,
      ingress: null,
    });
    const result = await client.installRelease({
      namespace: 'paas-ws-a',
      releaseName: 'paas-ws-a-x',
      chart: { localName: 'app', version: '1.0.0' },
      values: { a: 1 },
    });
    expect(result.revision).toBe(1);
    expect(seen).toMatchObject({
      method: 'POST',
      url: '/api/helm-operator/releases',
    });
    expect(seen.auth).toMatch(/^Bearer .*helm-operator/);
    expect(JSON.parse(seen.body!)).toMatchObject({ values: { a: 1 } });
  });

  it('maps HTTP errors to Backstage errors, keeping the operator message', async () => {
    const cases: Array<[number, string, boolean]> = [
      [400, 'InputError', false],
      [403, 'NotAllowedError', false],
      [404, 'NotFoundError', false],
      [409, 'ConflictError', true],
      [500, 'ServiceUnavailableError', true],
      [504, 'ServiceUnavailableError', true],
    ];
    for (const [status, name, transient] of cases) {
      respond = json(status, {
        error: { name: 'X', message: `because ${status}` },
      });
      const error = await client.upgradeRelease('ns', 'rel', {}).catch(e => e);
      expect({
        status,
        name: error.name,
        transient: isTransientOperatorError(error),
      }).toEqual({ status, name, transient });
      expect(error.message).toBe(
        `helm-operator upgradeRelease: because ${status}`,
      );
    }
  });

  it('keeps the Retry-After of a busy operator (503) on the error', async () => {
    respond = (_req, res) => {
      res.writeHead(503, {
        'Content-Type': 'application/json',
        'Retry-After': '9',
      });
      res.end(
        JSON.stringify({
          error: { name: 'ServiceUnavailableError', message: 'busy' },
        }),
      );
    };
    const error = await client
      .installRelease({
        namespace: 'paas-ws-a',
        releaseName: 'paas-ws-a-x',
        chart: { localName: 'app', version: '1.0.0' },
        values: {},
      })
      .catch(e => e);
    expect(error.name).toBe('ServiceUnavailableError');
    expect(retryAfterOf(error)).toBe(9);
    respond = json(500, { error: { message: 'boom' } });
    expect(
      retryAfterOf(await client.upgradeRelease('ns', 'rel', {}).catch(e => e)),
    ).toBeUndefined();
  });

  it('treats a missing release as undefined on reads and uninstalls', async () => {
    respond = json(404, { error: { message: 'release not found' } });
    expect(await client.getStatus('ns', 'rel')).toBeUndefined();
    expect(
      await client.uninstallRelease('ns', 'rel', { deleteData: true }),
    ).toBeUndefined();
    expect(seen.url).toBe('/api/helm-operator/releases/ns/rel?deleteData=true');
  });

  it('refuses answers that do not match the wire schema, and gives up on slow ones', async () => {
    respond = json(200, { namespace: 'ns', state: 'sideways' });
    await expect(client.getStatus('ns', 'rel')).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringContaining(
        'helm-operator sent an unexpected response to GET /releases/ns/rel/status',
      ),
    });
    respond = (_req, res) => setTimeout(() => json(200, {})(_req, res), 1000);
    await expect(
      clientWithTimeout(200).getStatus('ns', 'rel'),
    ).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringContaining(
        'helm-operator did not answer within 0 seconds (GET /releases/ns/rel/status)',
      ),
    });
  });
});

describe('the operator run apart', () => {
  const port = () => (server.address() as AddressInfo).port;
  beforeAll(
    () => new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve)),
  );
  afterAll(() => new Promise(resolve => server.close(resolve)));

  it('calls the configured URL with the API key, not discovery', async () => {
    const endpoint = readOperatorEndpoint(
      new ConfigReader({
        woowCloudServices: {
          operator: {
            baseUrl: `http://127.0.0.1:${port()}/api/helm-operator/`,
            apiKey: 'the-operator-key',
          },
        },
      }),
    );
    const getBaseUrl = jest.fn();
    const client = new OperatorClient({
      discovery: mockServices.discovery.mock({ getBaseUrl }),
      auth: mockServices.auth(),
      endpoint,
      timeoutsMs: { read: 500, write: 500 },
    });
    respond = json(201, {
      namespace: 'paas-ws-a',
      releaseName: 'paas-ws-a-x',
      status: 'deployed',
      revision: 1,
      ingress: null,
    });
    await client.installRelease({
      namespace: 'paas-ws-a',
      releaseName: 'paas-ws-a-x',
      chart: { localName: 'app', version: '1.0.0' },
      values: {},
    });
    expect(seen).toMatchObject({
      method: 'POST',
      url: '/api/helm-operator/releases',
      auth: 'Bearer the-operator-key',
    });
    expect(getBaseUrl).not.toHaveBeenCalled();
  });

  it('is off without a base URL, and refuses a base URL without a key', () => {
    expect(readOperatorEndpoint(new ConfigReader({}))).toBeUndefined();
    expect(() =>
      readOperatorEndpoint(
        new ConfigReader({
          woowCloudServices: { operator: { baseUrl: 'http://op:7008/api' } },
        }),
      ),
    ).toThrow(/woowCloudServices\.operator\.apiKey/);
    expect(() =>
      readOperatorEndpoint(
        new ConfigReader({
          woowCloudServices: {
            operator: { baseUrl: 'file:///etc/passwd', apiKey: 'k' },
          },
        }),
      ),
    ).toThrow(/woowCloudServices\.operator\.baseUrl/);
  });
});
