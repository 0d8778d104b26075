// A minimal Kubernetes REST client (node:https, bearer token, CA pinned) for the testenv and its tests.
import fs from 'node:fs';
import https from 'node:https';

export function kubeClient({ server, token, caFile, ca }) {
  const caData = ca ?? fs.readFileSync(caFile);
  const base = new URL(server);
  const agent = new https.Agent({ ca: caData, keepAlive: false });

  function request(
    method,
    path,
    body,
    { contentType = 'application/json', timeoutMs = 30_000 } = {},
  ) {
    return new Promise((resolve, reject) => {
      const payload =
        body === undefined
          ? undefined
          : typeof body === 'string'
          ? body
          : JSON.stringify(body);
      const req = https.request(
        {
          host: base.hostname,
          port: base.port,
          path,
          method,
          agent,
          headers: {
            Authorization: `Bearer ${token}`,
            Accept: 'application/json',
            ...(payload !== undefined
              ? {
                  'Content-Type': contentType,
                  'Content-Length': Buffer.byteLength(payload),
                }
              : {}),
          },
          timeout: timeoutMs,
        },
        res => {
          const chunks = [];
          res.on('data', c => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json;
            try {
              json = text ? JSON.parse(text) : undefined;
            } catch {
              json = undefined;
            }
            resolve({ status: res.statusCode, body: json ?? text, text });
          });
        },
      );
      req.on('timeout', () =>
        req.destroy(new Error(`${method} ${path}: timeout`)),
      );
      req.on('error', reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  async function ok(method, path, body, opts) {
    const res = await request(method, path, body, opts);
    if (res.status < 200 || res.status >= 300) {
      const msg = typeof res.body === 'object' ? res.body.message : res.text;
      const err = new Error(
        `${method} ${path}: HTTP ${res.status} ${msg ?? ''}`.trim(),
      );
      err.status = res.status;
      err.body = res.body;
      throw err;
    }
    return res.body;
  }

  return {
    request,
    get: (p, o) => ok('GET', p, undefined, o),
    post: (p, b, o) => ok('POST', p, b, o),
    put: (p, b, o) => ok('PUT', p, b, o),
    delete: (p, o) => ok('DELETE', p, undefined, o),
    /** Server-side apply (creates or updates). path is the object's URL (…/namespaces/x/configmaps/name). */
    apply: (p, obj, o) =>
      ok('PATCH', `${p}?fieldManager=woow-testenv&force=true`, obj, {
        contentType: 'application/apply-patch+yaml',
        ...o,
      }),
    /** GET that returns null on 404. */
    async getOrNull(p, o) {
      const res = await request('GET', p, undefined, o);
      if (res.status === 404) return null;
      if (res.status < 200 || res.status >= 300)
        throw new Error(`GET ${p}: HTTP ${res.status} ${res.text}`);
      return res.body;
    },
  };
}

/** Client for a testenv env object (as returned by ensureUp / readEnv). */
export function kubeClientFromEnv(env) {
  return kubeClient({
    server: env.WOOW_KUBE_API,
    token: env.WOOW_KUBE_TOKEN,
    caFile: env.WOOW_KUBE_CA_FILE,
  });
}
