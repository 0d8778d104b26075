import { mockServices } from '@backstage/backend-test-utils';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  isBackupsNotConfigured,
  OperatorBackupClient,
} from './OperatorBackupClient';
import { OperatorClient } from './OperatorClient';

// The operator's answers to the backup routes as the backend reads them,
// over real HTTP: the 501 of an operator without backup storage must stay
// recognisable (the API then says backups are not configured and the UI
// hides its actions), and a 404 of one backup is "not known", not an error.
let status = 200;
let body: unknown = {};
let seen: { method?: string; url?: string } = {};
const server = http.createServer((req, res) => {
  seen = { method: req.method, url: req.url };
  req.resume();
  req.on('end', () => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  });
});

describe('OperatorBackupClient', () => {
  let client: OperatorBackupClient;

  beforeAll(async () => {
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    client = new OperatorBackupClient(
      new OperatorClient({
        discovery: mockServices.discovery.mock({
          getBaseUrl: async () => `http://127.0.0.1:${port}/api/helm-operator`,
        }),
        auth: mockServices.auth(),
      }),
    );
  });
  afterAll(() => new Promise(resolve => server.close(resolve)));

  it('recognises the 501 of an operator without backup storage', async () => {
    status = 501;
    body = {
      error: {
        name: 'NotImplementedError',
        message: 'Backups are not configured on this operator',
      },
    };
    const error = await client.listBackups('paas-ws-a', 'paas-ws-a-app').then(
      () => undefined,
      e => e,
    );
    expect(isBackupsNotConfigured(error)).toBe(true);
    expect(seen).toEqual({
      method: 'GET',
      url: '/api/helm-operator/releases/paas-ws-a/paas-ws-a-app/backups',
    });
  });

  it('does not take another failure for "not configured"', async () => {
    status = 503;
    body = { error: { name: 'ServiceUnavailableError', message: 'busy' } };
    const error = await client.listBackups('paas-ws-a', 'paas-ws-a-app').then(
      () => undefined,
      e => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(isBackupsNotConfigured(error)).toBe(false);
  });

  it('answers undefined for a backup the operator does not know', async () => {
    status = 404;
    body = { error: { name: 'NotFoundError', message: 'no backup b1' } };
    await expect(
      client.getBackup('paas-ws-a', 'paas-ws-a-app', 'b1'),
    ).resolves.toBeUndefined();
  });

  it('starts a backup with the id the backend chose', async () => {
    status = 202;
    body = {
      backup: {
        id: 'bk-1',
        release: 'paas-ws-a-app',
        phase: 'pending',
        volumes: ['data'],
      },
    };
    await expect(
      client.startBackup('paas-ws-a', 'paas-ws-a-app', 'bk-1'),
    ).resolves.toMatchObject({ id: 'bk-1', phase: 'pending' });
    expect(seen.method).toBe('POST');
  });
});
