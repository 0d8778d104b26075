import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { ApiClient } from './ApiClient';
import { defineRoutes } from './routes';

const routes = defineRoutes({
  read: {
    method: 'GET',
    path: '/thing',
    summary: 'Reads the thing',
    status: 200,
    response: z.object({ ok: z.boolean() }),
  },
  write: {
    method: 'POST',
    path: '/thing',
    summary: 'Writes the thing',
    status: 200,
    response: z.object({ ok: z.boolean() }),
  },
});

/**
 * A real HTTP server whose first connection is cut before any answer (a
 * replica dying mid-request), then answers every later one.
 */
async function serverCuttingTheFirstConnection() {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.method!);
    if (seen.length === 1) {
      req.socket.destroy();
      return;
    }
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ ok: true }));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const client = new ApiClient(routes, {
    apiName: 'test-api',
    baseUrl: async () => `http://127.0.0.1:${port}`,
  });
  return {
    client,
    seen,
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

describe('ApiClient over a connection that breaks', () => {
  it('asks a read once more on a new connection', async () => {
    const { client, seen, close } = await serverCuttingTheFirstConnection();
    await expect(client.call('read', {} as any)).resolves.toEqual({
      ok: true,
    });
    expect(seen).toEqual(['GET', 'GET']);
    await close();
  });

  it('does not send a write twice: it may have been done', async () => {
    const { client, seen, close } = await serverCuttingTheFirstConnection();
    await expect(client.call('write', {} as any)).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: 'test-api is unreachable (POST /thing)',
    });
    expect(seen).toEqual(['POST']);
    await close();
  });
});
