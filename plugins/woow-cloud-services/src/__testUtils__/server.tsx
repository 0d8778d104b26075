import {
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import {
  delay,
  http,
  HttpResponse,
  type HttpHandler,
  type JsonBodyType,
} from 'msw';
import { setupServer } from 'msw/node';
import type { Entity } from '@backstage/catalog-model';
import { identityApiRef } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { signalApiRef, type SignalApi } from '@backstage/plugin-signals-react';
import type { RevisionListResponse } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { cloudServicesApiRef, CloudServicesClient } from '../api';
import { CONFIG, makeLiveStatus, makeRevisionList } from './fixtures';

/** The user tests are signed in as, unless they say otherwise. */
export const SIGNED_IN_USER = 'user:default/jane';

export const BASE_URL = 'http://localhost:7007/api/woow-cloud-services';

/** msw server for one test file, reset between tests. */
export function setupCloudServicesServer() {
  const server = setupServer();
  registerMswTestHooks(server);
  return server;
}

export function createTestClient(timeoutMs?: number) {
  return new CloudServicesClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
    fetchApi: { fetch: (input, init) => globalThis.fetch(input, init) },
    timeoutMs,
  });
}

/**
 * Renders an element in a test app with the real client talking to msw,
 * so tests exercise request building, response parsing and rendering.
 */
export function renderWithBackend(
  element: JSX.Element,
  options: {
    initialRouteEntries?: string[];
    /** Who is signed in (default: SIGNED_IN_USER). */
    userEntityRef?: string;
    /** What the catalog holds (default: nothing). */
    catalogEntities?: Entity[];
    /** Names of the basic permissions the user has (default: none). */
    allowedPermissions?: string[];
    /** The app's signals (default: none, as without the signals plugin). */
    signals?: SignalApi;
  } = {},
) {
  return renderInTestApp(element, {
    apis: [
      [cloudServicesApiRef, createTestClient()],
      [
        catalogApiRef,
        catalogApiMock({ entities: options.catalogEntities ?? [] }),
      ],
      [
        identityApiRef,
        mockApis.identity({
          userEntityRef: options.userEntityRef ?? SIGNED_IN_USER,
        }),
      ],
      [
        permissionApiRef,
        mockApis.permission({
          authorize: request =>
            options.allowedPermissions?.includes(request.permission.name)
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        }),
      ],
      ...(options.signals ? [[signalApiRef, options.signals] as const] : []),
    ],
    initialRouteEntries: options.initialRouteEntries,
  });
}

/** A Backstage-style error body, as the backend's error handler sends it. */
export function errorResponse(
  status: number,
  name: string,
  message: string,
  extra: Record<string, unknown> = {},
) {
  return HttpResponse.json(
    { error: { name, message, ...extra }, response: { statusCode: status } },
    { status },
  );
}

/**
 * GET handler that answers only after a while: long enough to observe a
 * loading state, short enough not to outlive the test file.
 */
export function slow(path: string, body: JsonBodyType = {}): HttpHandler {
  return http.get(`${BASE_URL}${path}`, async () => {
    await delay(1500);
    return HttpResponse.json(body);
  });
}

export function getJson(path: string, body: JsonBodyType): HttpHandler {
  return http.get(`${BASE_URL}${path}`, () => HttpResponse.json(body));
}

/** GET .../chart-versions of a service on its newest chart version. */
export const NO_NEWER_CHART = {
  chart: 'postgresql',
  currentVersion: '15.5.0',
  newer: [],
};

/**
 * Everything a service page reads, answering with fixtures; tests override
 * single endpoints with `server.use` afterwards.
 */
export function serviceHandlers(opts: {
  service: JsonBodyType;
  workspace: JsonBodyType;
  template: JsonBodyType;
  metrics?: JsonBodyType;
  revisions?: RevisionListResponse;
  events?: JsonBodyType[];
}): HttpHandler[] {
  const svc = '/workspaces/ws1/services/svc1';
  return [
    getJson(svc, opts.service),
    getJson('/workspaces/ws1', opts.workspace),
    getJson('/templates/tpl-postgres', opts.template),
    getJson('/config', CONFIG),
    getJson(`${svc}/status`, makeLiveStatus()),
    opts.metrics
      ? getJson(`${svc}/metrics`, opts.metrics)
      : http.get(`${BASE_URL}${svc}/metrics`, () =>
          HttpResponse.json(
            { error: { message: 'Prometheus is not configured' } },
            { status: 503 },
          ),
        ),
    getJson(`${svc}/revisions`, opts.revisions ?? makeRevisionList([])),
    getJson(`${svc}/logs`, { items: opts.events ?? [] }),
    getJson(`${svc}/domains`, { mode: 'none', domains: [] }),
    getJson(`${svc}/chart-versions`, NO_NEWER_CHART),
  ];
}
