// What the install test asks of the fresh app once its backend runs: the
// portal's health check, then one deploy of the fixture app through the HTTP
// API as the guest user (a workspace, a service, running), then the delete.
import { log } from '../lib.mjs';

const API = '/api/woow-cloud-services';
const POLL_MS = 1000;

/** Waits only catch hangs: each wait gives up after this. */
export const HANG_LIMIT_MS = 5 * 60_000;

const sleep = ms => new Promise(r => setTimeout(r, ms));

async function waitFor(what, probe, { isAlive = () => true } = {}) {
  const giveUp = Date.now() + HANG_LIMIT_MS;
  let last = 'no answer yet';
  for (;;) {
    if (!isAlive()) throw new Error(`${what}: the backend exited`);
    try {
      const result = await probe();
      if (result.done) return result.value;
      last = result.why;
    } catch (error) {
      if (error.fatal) throw error;
      last = error.message;
    }
    if (Date.now() > giveUp) {
      throw new Error(`${what}: still not done (last: ${last})`);
    }
    await sleep(POLL_MS);
  }
}

/** `/.backstage/health/v1/readiness` answers 200 once every plugin started. */
export async function waitForPortalHealth(origin, isAlive) {
  await waitFor(
    'portal health check',
    async () => {
      const res = await fetch(`${origin}/.backstage/health/v1/readiness`);
      return res.status === 200
        ? { done: true }
        : { why: `readiness ${res.status} ${await res.text()}` };
    },
    { isAlive },
  );
  const liveness = await fetch(`${origin}/.backstage/health/v1/liveness`);
  if (liveness.status !== 200) {
    throw new Error(`portal liveness answered ${liveness.status}`);
  }
  log(`portal health check: ${origin}/.backstage/health/v1/readiness 200`);
}

async function guestApi(origin) {
  const refresh = await fetch(`${origin}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (refresh.status !== 200) {
    throw new Error(`guest sign-in answered ${refresh.status}`);
  }
  const token = (await refresh.json()).backstageIdentity.token;
  const call = async (method, p, body) => {
    const res = await fetch(`${origin}${API}${p}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  return {
    get: p => call('GET', p),
    post: (p, body) => call('POST', p, body),
    del: p => call('DELETE', p),
  };
}

function expectStatus(what, res, status) {
  if (res.status !== status) {
    throw new Error(
      `${what}: HTTP ${res.status} (wanted ${status}): ${JSON.stringify(
        res.body,
      ).slice(0, 400)}`,
    );
  }
  return res.body;
}

/**
 * One deploy of `templateSlug` through the API, awaited to `running`, then
 * deleted. Returns the workspace's namespace (for the caller to remove).
 */
export async function deployThroughApi(
  origin,
  { templateSlug, values, runId },
) {
  const api = await guestApi(origin);
  const templates = expectStatus(
    'GET /templates',
    await api.get('/templates'),
    200,
  ).items;
  if (!templates.some(t => t.slug === templateSlug)) {
    throw new Error(
      `the marketplace has no ${templateSlug} (it has: ${templates
        .map(t => t.slug)
        .join(', ')})`,
    );
  }
  const workspace = expectStatus(
    'POST /workspaces',
    await api.post('/workspaces', { name: `Install test ${runId}` }),
    201,
  );
  const service = expectStatus(
    'POST /workspaces/:id/services',
    await api.post(`/workspaces/${workspace.id}/services`, {
      templateId: templateSlug,
      name: `Install test ${runId}`,
      subdomain: `install-${runId}`,
      helmValues: values,
    }),
    201,
  );
  const servicePath = `/workspaces/${workspace.id}/services/${service.id}`;
  const running = await waitFor(`service ${service.id} running`, async () => {
    const now = expectStatus(
      `GET ${servicePath}`,
      await api.get(servicePath),
      200,
    );
    if (now.state === 'error') {
      throw Object.assign(new Error(`deploy failed: ${now.errorMessage}`), {
        fatal: true,
      });
    }
    return now.state === 'running'
      ? { done: true, value: now }
      : { why: `state ${now.state}` };
  });
  log(
    `deployed ${templateSlug} as ${running.helmReleaseName} in ${running.helmNamespace}: running`,
  );
  expectStatus(
    `DELETE ${servicePath}`,
    await api.del(`${servicePath}?deleteData=true&version=${running.version}`),
    202,
  );
  return workspace.namespace;
}
