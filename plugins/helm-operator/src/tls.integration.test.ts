import { V1Secret } from '@kubernetes/client-node';
import {
  chartVersionsResponseSchema,
  releaseTlsResponseSchema,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import execa from 'execa';
import fs from 'node:fs';
import request from 'supertest';
import { makeCertificate } from './__testUtils__/certificates';
import {
  deleteNamespaces,
  eventually,
  kubeClients,
  makeChartsDir,
  requireTestEnv,
  runId,
  SERVICE,
  startOperator,
} from './__testUtils__/testenv';
import {
  customObjects,
  ensureCertificateCrd,
} from './__testUtils__/certManagerCrd';

// Real helm, real API server: the origin certificate copied into the
// workspace namespace and kept in sync, cert-manager's annotation and the
// state of its Certificate, newer chart versions and an upgrade to one.
jest.setTimeout(300_000);

const env = requireTestEnv();
const kube = kubeClients();
const id = runId();

function client(server: any) {
  const auth = (r: request.Test) => r.set('Authorization', SERVICE);
  return {
    get: (p: string) => auth(request(server).get(p)),
    post: (p: string, body: object) => auth(request(server).post(p)).send(body),
    put: (p: string, body: object) => auth(request(server).put(p)).send(body),
    patch: (p: string, body: object) =>
      auth(request(server).patch(p)).send(body),
    del: (p: string) => auth(request(server).delete(p)),
  };
}

const tlsSecret = (
  name: string,
  namespace: string,
  cert: { crt: string; key: string },
): V1Secret => ({
  metadata: { name, namespace },
  type: 'kubernetes.io/tls',
  data: {
    'tls.crt': Buffer.from(cert.crt).toString('base64'),
    'tls.key': Buffer.from(cert.key).toString('base64'),
  },
});

/**
 * The workspace namespace and the fixture release `<ns>-app` with an
 * Ingress for `app-<ws>` and a custom domain; returns the subdomain's host.
 */
async function installWithDomains(
  api: ReturnType<typeof client>,
  ws: string,
  customDomain: string,
): Promise<string> {
  const ns = `paas-ws-${ws}`;
  await api
    .post('/api/helm-operator/namespaces', { workspaceId: ws })
    .expect(200);
  const install = await api.post('/api/helm-operator/releases', {
    namespace: ns,
    releaseName: `${ns}-app`,
    chart: { localName: 'woow-fixture-app' },
    values: {},
    ingress: { subdomain: `app-${ws}`, customDomain },
  });
  expect(install.status).toBe(201);
  return install.body.ingress.hosts[0];
}

/** The parent domain of a release's subdomain host: the base domain the operator uses. */
const baseOf = (host: string) => host.slice(host.indexOf('.') + 1);

describe('originCertificate mode', () => {
  const ws = `tlso${id}`;
  const ns = `paas-ws-${ws}`;
  const sourceNs = `woow-certs-${id}`;
  const rel = `${ns}-app`;
  const base = `/api/helm-operator/releases/${ns}/${rel}`;
  const customDomain = `shop-${id}.example.org`;
  const copyName = `${rel}-origin-tls`;
  let chartsDir: string;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    chartsDir = await makeChartsDir(env.helm4);
    await kube.core.createNamespace({ body: { metadata: { name: sourceNs } } });
    const { server } = await startOperator({
      helmBinary: env.helm4,
      localChartsDir: chartsDir,
      tls: {
        mode: 'originCertificate',
        secretNamespace: sourceNs,
        secretName: 'origin',
      },
    });
    api = client(server);
  });

  afterAll(async () => {
    await deleteNamespaces(kube, [ns, sourceNs]);
    fs.rmSync(chartsDir, { recursive: true, force: true });
  });

  it('copies the shared certificate, serves the subdomain over TLS and says the custom domain is not covered', async () => {
    const host = await installWithDomains(api, ws, customDomain);

    // No source certificate yet: no tls entry, nothing claims HTTPS.
    const before = releaseTlsResponseSchema.parse(
      (await api.get(`${base}/tls`)).body,
    );
    expect(before.domains.map(d => [d.host, d.tls.state])).toEqual([
      [host, 'not-covered'],
      [customDomain, 'not-covered'],
    ]);

    const first = await makeCertificate([`*.${baseOf(host)}`], 30);
    await kube.core.createNamespacedSecret({
      namespace: sourceNs,
      body: tlsSecret('origin', sourceNs, first),
    });
    await api
      .put(`${base}/ingress`, { subdomain: `app-${ws}`, customDomain })
      .expect(200);

    const ing = await kube.networking.readNamespacedIngress({
      name: rel,
      namespace: ns,
    });
    expect(ing.spec?.tls).toEqual([{ hosts: [host], secretName: copyName }]);
    const copy = await kube.core.readNamespacedSecret({
      name: copyName,
      namespace: ns,
    });
    expect(copy.type).toBe('kubernetes.io/tls');
    expect(Buffer.from(copy.data!['tls.crt'], 'base64').toString()).toBe(
      first.crt,
    );
    expect(copy.metadata?.labels).toMatchObject({
      'app.kubernetes.io/managed-by': 'woow-cloud-services',
      'woow.cloud/release': rel,
    });
    expect(copy.metadata?.ownerReferences).toEqual([
      expect.objectContaining({
        kind: 'Ingress',
        name: rel,
        uid: ing.metadata?.uid,
      }),
    ]);

    const res = await api.get(`${base}/tls`);
    expect(res.status).toBe(200);
    const tls = releaseTlsResponseSchema.parse(res.body);
    expect(tls.mode).toBe('originCertificate');
    expect(tls.domains[0]).toEqual({
      host,
      tls: {
        state: 'active',
        notAfter: expect.any(String),
        issuer: 'Test Origin CA',
      },
    });
    expect(tls.domains[1]).toEqual({
      host: customDomain,
      tls: {
        state: 'not-covered',
        message: expect.stringContaining('does not cover'),
      },
    });
    expect(JSON.stringify(res.body)).not.toContain('PRIVATE KEY');

    // A renewed source reaches the copy without any request.
    const renewed = await makeCertificate([`*.${baseOf(host)}`], 90);
    await kube.core.replaceNamespacedSecret({
      name: 'origin',
      namespace: sourceNs,
      body: tlsSecret('origin', sourceNs, renewed),
    });
    await eventually(
      async () => {
        const c = await kube.core.readNamespacedSecret({
          name: copyName,
          namespace: ns,
        });
        return (
          Buffer.from(c.data!['tls.crt'], 'base64').toString() === renewed.crt
        );
      },
      { what: 'the copy holds the renewed certificate' },
    );
  });

  it('removes the copy with the release', async () => {
    await api.del(base).expect(200);
    await expect(
      kube.core.readNamespacedSecret({ name: copyName, namespace: ns }),
    ).rejects.toMatchObject({ code: 404 });
  });
});

describe('certManager mode', () => {
  const ws = `tlsc${id}`;
  const ns = `paas-ws-${ws}`;
  const rel = `${ns}-app`;
  const base = `/api/helm-operator/releases/${ns}/${rel}`;
  const customDomain = `shop-${id}.example.net`;
  let chartsDir: string;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    await ensureCertificateCrd(kube);
    chartsDir = await makeChartsDir(env.helm4);
    const { server } = await startOperator({
      helmBinary: env.helm4,
      localChartsDir: chartsDir,
      tls: {
        mode: 'certManager',
        issuerKind: 'ClusterIssuer',
        issuerName: 'letsencrypt',
      },
    });
    api = client(server);
  });

  afterAll(async () => {
    await deleteNamespaces(kube, [ns]);
    fs.rmSync(chartsDir, { recursive: true, force: true });
  });

  const certificates = () => ({
    group: 'cert-manager.io',
    version: 'v1',
    namespace: ns,
    plural: 'certificates',
  });

  it('annotates the Ingress for the issuer and reports each Certificate as cert-manager moves it', async () => {
    const host = await installWithDomains(api, ws, customDomain);
    const ing = await kube.networking.readNamespacedIngress({
      name: rel,
      namespace: ns,
    });
    expect(ing.metadata?.annotations).toMatchObject({
      'cert-manager.io/cluster-issuer': 'letsencrypt',
    });
    expect(ing.spec?.tls).toEqual([
      { hosts: [host], secretName: `${rel}-tls` },
      { hosts: [customDomain], secretName: `${rel}-domain-tls` },
    ]);

    // cert-manager has not made the Certificates yet.
    const waiting = releaseTlsResponseSchema.parse(
      (await api.get(`${base}/tls`)).body,
    );
    expect(waiting.domains.map(d => d.tls.state)).toEqual([
      'pending',
      'pending',
    ]);

    // What cert-manager's ingress-shim and controller would do (not ours to run).
    const co = customObjects(kube);
    for (const [name, dnsName] of [
      [`${rel}-tls`, host],
      [`${rel}-domain-tls`, customDomain],
    ]) {
      await co.createNamespacedCustomObject({
        ...certificates(),
        body: {
          apiVersion: 'cert-manager.io/v1',
          kind: 'Certificate',
          metadata: { name, namespace: ns },
          spec: {
            secretName: name,
            dnsNames: [dnsName],
            issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' },
          },
        },
      });
    }
    const setStatus = (name: string, status: object) =>
      co.patchNamespacedCustomObjectStatus({
        ...certificates(),
        name,
        body: [{ op: 'add', path: '/status', value: status }],
      });
    await setStatus(`${rel}-tls`, {
      notAfter: '2099-01-01T00:00:00Z',
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          reason: 'Ready',
          message: 'Certificate is up to date and has not expired',
        },
      ],
    });
    await setStatus(`${rel}-domain-tls`, {
      conditions: [
        {
          type: 'Ready',
          status: 'False',
          reason: 'DoesNotExist',
          message: 'Issuing certificate as Secret does not exist',
        },
        {
          type: 'Issuing',
          status: 'False',
          reason: 'Failed',
          message: 'ACME challenge failed: DNS record not found',
        },
      ],
    });

    const tls = releaseTlsResponseSchema.parse(
      (await api.get(`${base}/tls`)).body,
    );
    expect(tls).toEqual({
      mode: 'certManager',
      domains: [
        {
          host,
          tls: {
            state: 'active',
            notAfter: '2099-01-01T00:00:00Z',
            issuer: 'letsencrypt',
          },
        },
        {
          host: customDomain,
          tls: {
            state: 'error',
            issuer: 'letsencrypt',
            message: 'ACME challenge failed: DNS record not found',
          },
        },
      ],
    });
  });
});

describe('newer chart versions', () => {
  const ws = `cv${id}`;
  const ns = `paas-ws-${ws}`;
  const rel = `${ns}-app`;
  const base = `/api/helm-operator/releases/${ns}/${rel}`;
  let chartsDir: string;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    chartsDir = await makeChartsDir(env.helm4);
    // A local chart repository: its index.yaml lists the packaged 0.2.0.
    await execa(env.helm4, ['repo', 'index', chartsDir]);
    const { server } = await startOperator({
      helmBinary: env.helm4,
      localChartsDir: chartsDir,
    });
    api = client(server);
  });

  afterAll(async () => {
    await deleteNamespaces(kube, [ns]);
    fs.rmSync(chartsDir, { recursive: true, force: true });
  });

  it('lists the newer version of the chart and upgrades to it keeping the values', async () => {
    await api
      .post('/api/helm-operator/namespaces', { workspaceId: ws })
      .expect(200);
    const values = { env: { GREETING: 'kept' }, replicaCount: 1 };
    await api
      .post('/api/helm-operator/releases', {
        namespace: ns,
        releaseName: rel,
        chart: { localName: 'woow-fixture-app', version: '0.1.0' },
        values,
      })
      .expect(201);

    const listed = chartVersionsResponseSchema.parse(
      (await api.get(`${base}/chart-versions`).expect(200)).body,
    );
    expect(listed).toEqual({
      chart: 'woow-fixture-app',
      currentVersion: '0.1.0',
      newer: [
        {
          version: '0.2.0',
          appVersion: '2.0',
          description: expect.any(String),
          created: expect.any(String),
        },
      ],
    });

    const upgraded = await api.patch(base, { chartVersion: '0.2.0' });
    expect(upgraded.status).toBe(200);
    expect(upgraded.body.revision).toBe(2);
    const info = (await api.get(base)).body;
    expect(info).toMatchObject({ chartVersion: '0.2.0', appVersion: '2.0' });
    expect((await api.get(`${base}/values`)).body.values).toEqual(values);
    const after = chartVersionsResponseSchema.parse(
      (await api.get(`${base}/chart-versions`)).body,
    );
    expect(after).toMatchObject({ currentVersion: '0.2.0', newer: [] });
  });
});
