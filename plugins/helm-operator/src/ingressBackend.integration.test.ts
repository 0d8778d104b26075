import {
  chartNameOf,
  resolveServiceName,
  templateDefinitionSchema,
  type TemplateDefinition,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import { parseManifest } from './kube/manifest';
import {
  deleteNamespaces,
  kubeClients,
  rawHelm,
  requireTestEnv,
  runId,
  SERVICE,
  startOperator,
} from './__testUtils__/testenv';

// Real helm against a real control plane on a shared, slow machine.
jest.setTimeout(600_000);

// The Service and port each marketplace template declares (`connection`)
// exist in its real chart (../shared/charts) as helm renders it, whatever the
// release is called; and the operator's Ingress routes to the declared
// Service and port, where it took the first port of the first Service before.

const env = requireTestEnv();
const kube = kubeClients();
const REPO_ROOT = path.resolve(__dirname, '../../..');
const CHARTS_DIR = process.env.WOOW_MARKETPLACE_CHARTS ?? '/work/shared/charts';
const id = runId();

// The marketplace, and the fixture app the sandbox and tests add to it.
const templates: TemplateDefinition[] = [
  'marketplace',
  'test-fixtures/marketplace',
].flatMap(dir =>
  fs
    .readdirSync(path.join(REPO_ROOT, dir))
    .filter(f => f.endsWith('.yaml'))
    .map(f =>
      templateDefinitionSchema.parse(
        parse(fs.readFileSync(path.join(REPO_ROOT, dir, f), 'utf8')),
      ),
    ),
);
const packaged = (t: TemplateDefinition) =>
  path.join(
    CHARTS_DIR,
    `${t.helmChart.chartName}-${t.helmChart.chartVersion}.tgz`,
  );
const chartPath = (t: TemplateDefinition) =>
  t.helmChart.chartName === 'woow-fixture-app'
    ? path.join(env.fixtureCharts, 'woow-fixture-app')
    : packaged(t);

function setPath(target: Record<string, any>, key: string, value: unknown) {
  const parts = key.split('.');
  let at = target;
  for (const p of parts.slice(0, -1)) at = at[p] ??= {};
  at[parts[parts.length - 1]] = value;
}

/** The template's defaults and a value for every required spec. */
function valuesOf(t: TemplateDefinition): Record<string, unknown> {
  const values = structuredClone(t.helmChart.defaultValues);
  for (const spec of t.valueSpecs.required) {
    setPath(
      values,
      spec.key,
      spec.defaultValue ??
        (spec.type === 'password' ? 'Pw-0123456789' : 'admin@example.com'),
    );
  }
  return values;
}

async function renderedServices(t: TemplateDefinition, release: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conn-'));
  const file = path.join(dir, 'values.json');
  fs.writeFileSync(file, JSON.stringify(valuesOf(t)));
  try {
    const manifest = await rawHelm(env.helm4, [
      'template',
      release,
      chartPath(t),
      '-n',
      'paas-ws-conn',
      '-f',
      file,
    ]);
    return parseManifest(manifest)
      .filter(o => o.kind === 'Service')
      .map(s => ({
        name: s.metadata.name as string,
        ports: (s.spec?.ports ?? []).map((p: { port: number }) => p.port),
      }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

it('every marketplace template declares its Service and port, and every chart is here', () => {
  expect(templates.filter(t => !t.connection).map(t => t.slug)).toEqual([]);
  expect(
    templates
      .filter(t => !fs.existsSync(chartPath(t)))
      .map(t => `${t.slug}: ${chartPath(t)}`),
  ).toEqual([]);
});

describe.each(templates.map(t => [t.slug, t] as const))(
  '%s',
  (_slug, template) => {
    // A generated name contains the chart's (slug-based), an explicit one may not.
    it.each([`paas-ws-conn-${template.slug}-x1y2`, 'paas-ws-conn-custom-ref'])(
      'renders the declared Service and port for release %s',
      async release => {
        const services = await renderedServices(template, release);
        const wanted = {
          name: resolveServiceName(
            template.connection!.service,
            release,
            chartNameOf(template.helmChart),
          ),
          port: template.connection!.port,
        };
        expect(
          services
            .filter(
              s => s.name === wanted.name && s.ports.includes(wanted.port),
            )
            .map(s => s.name),
        ).toEqual([wanted.name]);
      },
    );
  },
);

describe('the Ingress of a release', () => {
  let server: any;
  const ws = `ingb${id}`;
  const ns = `paas-ws-${ws}`;
  const wordpress = templates.find(t => t.slug === 'wordpress')!;
  const call = (method: 'post' | 'put', p: string, body: object) =>
    request(server)
      [method](`/api/helm-operator${p}`)
      .set('Authorization', SERVICE)
      .send(body);

  beforeAll(async () => {
    ({ server } = await startOperator({
      helmBinary: env.helm4,
      localChartsDir: CHARTS_DIR,
    }));
    const ensured = await call('post', '/namespaces', {
      workspaceId: ws,
      quota: {
        requestsCpu: '32',
        requestsMemory: '64Gi',
        limitsCpu: '64',
        limitsMemory: '128Gi',
        persistentVolumeClaims: 50,
        requestsStorage: '1Ti',
      },
    });
    if (ensured.status !== 200) {
      throw new Error(
        `POST /namespaces answered ${ensured.status}: ${ensured.text}`,
      );
    }
  });

  afterAll(() => deleteNamespaces(kube, [ns]));

  async function install(releaseName: string, ingress: object) {
    const res = await call('post', '/releases', {
      namespace: ns,
      releaseName,
      chart: {
        localName: 'wordpress',
        version: wordpress.helmChart.chartVersion,
      },
      values: valuesOf(wordpress),
      ingress,
    });
    expect({ status: res.status, error: res.body.error?.message }).toEqual({
      status: 201,
      error: undefined,
    });
    const ing = await kube.networking.readNamespacedIngress({
      name: releaseName,
      namespace: ns,
    });
    return ing.spec?.rules?.[0]?.http?.paths[0]?.backend.service;
  }

  it('routes to the Service and port the template declares (WordPress: its own http port, not MariaDB)', async () => {
    const releaseName = `${ns}-declared`;
    const backend = await install(releaseName, {
      subdomain: `wp-${ws}`,
      serviceName: resolveServiceName(
        wordpress.connection!.service,
        releaseName,
        'wordpress',
      ),
      servicePort: wordpress.connection!.port,
    });
    expect(backend).toEqual({
      name: `${releaseName}-wordpress`,
      port: { name: 'http' },
    });
    // A custom domain later keeps the declared backend.
    const put = await call('put', `/releases/${ns}/${releaseName}/ingress`, {
      subdomain: `wp-${ws}`,
      customDomain: `wp-${ws}.example.org`,
      serviceName: `${releaseName}-wordpress`,
      servicePort: 80,
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      serviceName: `${releaseName}-wordpress`,
      servicePort: 'http',
    });
  });

  it('without a declaration takes the first port of the first Service, as before (here MariaDB)', async () => {
    const releaseName = `${ns}-legacy`;
    const backend = await install(releaseName, { subdomain: `wpl-${ws}` });
    expect(backend).toEqual({
      name: `${releaseName}-mariadb`,
      port: { name: 'mysql' },
    });
  });

  it('refuses a declared Service the release does not have, naming it', async () => {
    const releaseName = `${ns}-missing`;
    const res = await call('post', '/releases', {
      namespace: ns,
      releaseName,
      chart: {
        localName: 'wordpress',
        version: wordpress.helmChart.chartVersion,
      },
      values: valuesOf(wordpress),
      ingress: {
        subdomain: `wpm-${ws}`,
        serviceName: `${releaseName}-web`,
        servicePort: 80,
      },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toContain(
      `The release has no Service "${releaseName}-web" exposing port 80`,
    );
  });
});
