import { expect, test } from '@playwright/test';
import { screenshot, signInAsGuest } from './helpers';
import { cloudApi, fact, runId, statusBadge, type ServiceRow } from './cloud';

/**
 * Issue 13 in the browser: an open service page is told of a change through
 * Backstage signals instead of polling. Once the page has subscribed to its
 * workspace's channel, the page's clock is paused (Playwright's fake clock):
 * no timer of the page fires, so no poll can happen. An upgrade made through
 * the API still reaches the page, and every read of the service it makes
 * afterwards follows a signal it received on the WebSocket.
 */

const run = runId();
const workspaceId = `e2e-sig-${run}`;
const channel = `woow-cloud-services:workspace:${workspaceId}`;

test.afterAll(async ({ request }) => {
  await (await cloudApi(request)).deleteAllServices(workspaceId);
});

test('an open service page shows an upgrade pushed by signal, without polling', async ({
  page,
  request,
}) => {
  test.setTimeout(420_000);
  // Set-up through the API: the UI of a deployment is flows.spec.ts's job.
  const api = await cloudApi(request);
  expect(
    (
      await api.post('/workspaces', {
        id: workspaceId,
        name: `E2E signals ${run}`,
      })
    ).status(),
  ).toBe(201);
  const template = await (await api.get('/templates/woow-fixture-app')).json();
  const name = `Signals ${run}`;
  const created = await api.post(`/workspaces/${workspaceId}/services`, {
    templateId: template.id,
    name,
    subdomain: `e2e-sig-${run}`,
    helmValues: { password: `pw-${run}-signals` },
  });
  expect(created.status(), await created.text()).toBe(201);
  const serviceId: string = (await created.json()).id;
  const servicePath = `/workspaces/${workspaceId}/services/${serviceId}`;
  const service = async (): Promise<ServiceRow | undefined> => {
    // The development backend restarts when files change: ask again.
    const res = await api.get(servicePath).catch(() => undefined);
    return res?.ok() ? res.json() : undefined;
  };
  await expect
    .poll(async () => (await service())?.state, {
      timeout: 240_000,
      intervals: [1_000, 2_000],
    })
    .toBe('running');

  // What the page does, in order: its reads of this service, and the
  // signals about it that it receives.
  const timeline: Array<'read' | 'signal'> = [];
  let subscribed = false;
  page.on('request', req => {
    if (
      req.method() === 'GET' &&
      new URL(req.url()).pathname === `/api/woow-cloud-services${servicePath}`
    ) {
      timeline.push('read');
    }
  });
  page.on('websocket', ws => {
    ws.on('framesent', frame => {
      const sent = parseFrame(frame.payload);
      if (sent?.action === 'subscribe' && sent.channel === channel) {
        subscribed = true;
      }
    });
    ws.on('framereceived', frame => {
      const received = parseFrame(frame.payload);
      if (
        received?.channel === channel &&
        received.message?.serviceId === serviceId
      ) {
        timeline.push('signal');
      }
    });
  });

  await page.clock.install();
  await signInAsGuest(page, `/cloud-services${servicePath}`);
  await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();
  await expect(statusBadge(page, 'Running')).toBeVisible();
  await expect(fact(page, 'Revision')).toHaveText(/^1\b/);
  await expect.poll(() => subscribed).toBe(true);

  // From here on no timer of the page fires: whatever the page learns, it
  // learns by signal.
  const pageNow = await page.evaluate(() => Date.now());
  await page.clock.pauseAt(pageNow + 1_000);
  const from = timeline.length;

  const before = (await service())!;
  const upgrade = await api.patch(servicePath, {
    helmValues: { replicaCount: 2 },
    version: before.version,
  });
  expect(upgrade.status(), await upgrade.text()).toBe(200);
  await expect
    .poll(
      async () => {
        const s = await service();
        return s && `${s.state}@${s.helmRevision}`;
      },
      { timeout: 240_000, intervals: [1_000, 2_000] },
    )
    .toBe('running@2');

  await expect(fact(page, 'Revision')).toHaveText(/^2\b/);
  await expect(statusBadge(page, 'Running')).toBeVisible();

  const after = timeline.slice(from);
  const reads = after.filter(e => e === 'read').length;
  const signals = after.filter(e => e === 'signal').length;
  // eslint-disable-next-line no-console
  console.log(
    `signals: ${signals} signals and ${reads} reads of the service after the upgrade: ${after.join(
      ' ',
    )}`,
  );
  expect(signals).toBeGreaterThanOrEqual(1);
  expect(reads).toBeGreaterThanOrEqual(1);
  // Each read answers a signal: none came first, none without one.
  expect(after[0]).toBe('signal');
  expect(reads).toBeLessThanOrEqual(signals);

  await page.clock.resume();
  await screenshot(page, 'signals-service-upgraded');
});

/** A signals WebSocket frame as JSON (subscribe requests, pushed messages). */
function parseFrame(payload: string | Buffer):
  | {
      action?: string;
      channel?: string;
      message?: { serviceId?: string };
    }
  | undefined {
  try {
    return JSON.parse(payload.toString());
  } catch {
    return undefined;
  }
}
