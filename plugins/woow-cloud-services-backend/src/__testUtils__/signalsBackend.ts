import { createServer } from 'node:net';
import { mockServices } from '@backstage/backend-test-utils';
import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { createBackend } from '@backstage/backend-defaults';
import eventsPlugin from '@backstage/plugin-events-backend';
import signalsPlugin from '@backstage/plugin-signals-backend';
import {
  signalsServiceRef,
  type SignalsService,
} from '@backstage/plugin-signals-node';
import type { Knex } from 'knex';
import WebSocket from 'ws';

/** A port nobody listens on now (the backend's config must name it up front). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise(resolve => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export interface SignalsBackend {
  port: number;
  /** The signals service a plugin of this backend publishes with. */
  signals: SignalsService;
  stop(): Promise<void>;
}

/**
 * One portal backend as far as signals go, built as packages/backend builds
 * it (createBackend of backend-defaults: its HTTP server with WebSocket
 * routing, discovery, the events service of @backstage/plugin-events-node in
 * the mode `useEventBus` says) with the events backend (its bus on
 * `eventsDb`) and the signals backend (its WebSocket at /api/signals). Mock
 * auth and user info, so a socket signs in with a
 * `mockCredentials.user.token`; startTestBackend cannot serve here (its HTTP
 * server has no WebSocket routing and cannot be replaced).
 */
export async function startSignalsBackend(options: {
  eventsDb: Knex;
  useEventBus: 'never' | 'always' | 'auto';
}): Promise<SignalsBackend> {
  const port = await freePort();
  let signals: SignalsService | undefined;
  const publisher = createBackendPlugin({
    pluginId: 'signals-publisher',
    register(env) {
      env.registerInit({
        deps: { signals: signalsServiceRef },
        async init(deps) {
          signals = deps.signals;
        },
      });
    },
  });
  const backend = createBackend();
  for (const feature of [
    mockServices.rootConfig.factory({
      data: {
        backend: {
          baseUrl: `http://localhost:${port}`,
          listen: { host: '127.0.0.1', port },
        },
        events: {
          useEventBus: options.useEventBus,
          // The bus answers a waiting subscriber after this at the latest;
          // shorter than its 55 s, so that stopping (which waits for the
          // open poll) does not hold the test.
          notifyTimeoutMs: 2_000,
        },
      },
    }),
    mockServices.database.factory({ knex: options.eventsDb }),
    mockServices.auth.factory(),
    mockServices.httpAuth.factory(),
    mockServices.userInfo.factory(),
    mockServices.scheduler.factory(),
    mockServices.rootLogger.factory(),
    eventsPlugin,
    signalsPlugin,
    publisher,
  ]) {
    backend.add(feature);
  }
  await backend.start();
  if (!signals) throw new Error('the publisher plugin did not start');
  return { port, signals, stop: () => backend.stop() };
}

/**
 * An open page's connection to the signals backend: a WebSocket signed in as
 * `token`, subscribed to `channel`, keeping every message it is sent.
 */
export async function openSignalsSocket(
  port: number,
  token: string,
  channel: string,
) {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/api/signals`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const received: Array<{ channel: string; message: unknown }> = [];
  socket.on('message', data => received.push(JSON.parse(String(data))));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  socket.send(JSON.stringify({ action: 'subscribe', channel }));
  // The server handles frames in order: its pong means it took the subscribe.
  await new Promise<void>(resolve => {
    socket.once('pong', () => resolve());
    socket.ping();
  });
  return { received, close: () => socket.close() };
}
