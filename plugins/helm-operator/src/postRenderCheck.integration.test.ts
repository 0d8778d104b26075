import { mockServices } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { readOperatorOptions } from './config';
import { ConfigReader } from '@backstage/config';
import { HelmCli } from './helm/HelmCli';
import { HelmReleases } from './helm/HelmReleases';
import { DEFAULT_DENIED_KINDS, ManifestPolicy } from './helm/ManifestPolicy';
import { ManifestCheckServer } from './helm/postrender/ManifestCheckServer';
import { DEPLOYER_SERVICE_ACCOUNT } from './kube/deployer';
import {
  HOOK_IN_KUBE_SYSTEM,
  writeCharts,
  escapedConfigMaps,
} from './__testUtils__/hostileCharts';
import {
  deleteNamespaces,
  kubeClients,
  operatorConfig,
  rawHelm,
  requireTestEnv,
  runId,
  SERVICE,
  startOperator,
} from './__testUtils__/testenv';

// Real helm 4 against a real control plane on a shared, slow machine.
jest.setTimeout(300_000);

// The manifest check inside the one helm run (helm 4's post-renderer): a
// refusal is the same 403 as the dry run gave, nothing is applied, no
// release is left; and no answer from the operator is a refusal too.

const env = requireTestEnv();
const kube = kubeClients();
const id = runId();
const ws = `prc${id}`;
const ns = `paas-ws-${ws}`;

const CONFIG_MAP =
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata: {a: b}';
const chartsDir = writeCharts([
  {
    name: 'escapes-on-request',
    templates: {
      'cm.yaml': CONFIG_MAP,
      // A hook into kube-system only when asked: upgrades turn it on.
      'hook.yaml': `{{- if .Values.escape }}\n${HOOK_IN_KUBE_SYSTEM}\n{{- end }}`,
    },
  },
]);
const chart = path.join(chartsDir, 'escapes-on-request');

// helm 4 checks inside its one run, helm 3 on a dry run before it: the same
// answers.
const servers: Record<'helm4' | 'helm3', any> = { helm4: null, helm3: null };

const apiOf = (server: any) => ({
  post: (p: string, body: object) =>
    request(server)
      .post(`/api/helm-operator${p}`)
      .set('Authorization', SERVICE)
      .send(body),
  patch: (p: string, body: object) =>
    request(server)
      .patch(`/api/helm-operator${p}`)
      .set('Authorization', SERVICE)
      .send(body),
});

async function helmList(): Promise<{ name: string; revision: string }[]> {
  return JSON.parse(
    await rawHelm(env.helm4, ['list', `--namespace=${ns}`, '--output=json']),
  );
}

beforeAll(async () => {
  for (const helm of ['helm4', 'helm3'] as const) {
    ({ server: servers[helm] } = await startOperator({
      helmBinary: env[helm],
      localChartsDir: chartsDir,
    }));
  }
  const res = await apiOf(servers.helm4).post('/namespaces', {
    workspaceId: ws,
  });
  if (res.status !== 200)
    throw new Error(`namespace setup failed: ${JSON.stringify(res.body)}`);
});

afterAll(async () => {
  await deleteNamespaces(kube, [ns]);
  fs.rmSync(chartsDir, { recursive: true, force: true });
});

describe.each(['helm4', 'helm3'] as const)(
  'through the operator API (%s)',
  helm => {
    const api = () => apiOf(servers[helm]);
    const names = async () => (await helmList()).map(r => r.name);

    it('refuses an install with 403, nothing installed, no release left', async () => {
      const name = `${ns}-in-${helm}`;
      const res = await api().post('/releases', {
        namespace: ns,
        releaseName: name,
        chart: { localName: 'escapes-on-request' },
        values: { escape: true },
      });
      expect({ status: res.status, message: res.body.error?.message }).toEqual({
        status: 403,
        message: `Release "${name}" was refused before anything was applied: hook ConfigMap "${name}-hook" (namespace "kube-system") is outside the release's namespace "${ns}": releases may only create objects in their own namespace`,
      });
      expect(await names()).not.toContain(name);
      expect(await escapedConfigMaps(kube, ns)).toEqual([]);
      await expect(
        kube.core.readNamespacedConfigMap({ namespace: ns, name }),
      ).rejects.toMatchObject({ code: 404 });
    });

    it('refuses an upgrade with 403; the release stays on its revision', async () => {
      const name = `${ns}-up-${helm}`;
      const installed = await api().post('/releases', {
        namespace: ns,
        releaseName: name,
        chart: { localName: 'escapes-on-request' },
        values: {},
      });
      expect(installed.status).toBe(201);
      const res = await api().patch(`/releases/${ns}/${name}`, {
        values: { escape: true },
      });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain(
        `hook ConfigMap "${name}-hook" (namespace "kube-system")`,
      );
      expect((await helmList()).filter(r => r.name === name)).toEqual([
        expect.objectContaining({ name, revision: '1', status: 'deployed' }),
      ]);
      expect(await escapedConfigMaps(kube, ns)).toEqual([]);
    });
  },
);

describe('HelmReleases with the post-renderer', () => {
  const logger = mockServices.logger.mock();
  const options = readOperatorOptions(
    new ConfigReader(operatorConfig({ helmBinary: env.helm4 })),
  );
  const policy = new ManifestPolicy({
    deniedKinds: DEFAULT_DENIED_KINDS,
    deployerServiceAccount: DEPLOYER_SERVICE_ACCOUNT,
    reserved: [],
  });
  const valuesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'prc-values-'));
  let files = 0;
  const valuesFile = (values: object) => {
    const file = path.join(valuesDir, `values-${files++}.json`);
    fs.writeFileSync(file, JSON.stringify(values));
    return file;
  };
  afterAll(() => fs.rmSync(valuesDir, { recursive: true, force: true }));
  const change = (values: object) => ({
    chart: { args: [chart], display: 'escapes-on-request' },
    valuesFile: valuesFile(values),
    secrets: [],
  });

  async function releasesWith(checks: ManifestCheckServer) {
    const helm = await HelmCli.detect({
      binary: env.helm4,
      kubeconfigPath: env.kubeconfig,
      logger,
    });
    // Every helm command run, to count processes (helm itself still runs).
    const runs: string[][] = [];
    const run = helm.run.bind(helm);
    helm.run = (args, opts) => {
      runs.push(args);
      return run(args, opts);
    };
    return {
      runs,
      releases: new HelmReleases(helm, {
        ...options,
        policy,
        manifestChecks: checks,
      }),
    };
  }

  it('checks inside the one helm run: a single helm process per install, none a dry run', async () => {
    const checks = await ManifestCheckServer.start(logger);
    try {
      const { runs, releases } = await releasesWith(checks);
      const ref = { namespace: ns, releaseName: `${ns}-one` };
      await expect(
        releases.install(ref, change({ escape: true })),
      ).rejects.toMatchObject({ name: 'NotAllowedError' });
      await releases.install(ref, change({}));
      expect(runs.map(r => r[0])).toEqual(['install', 'install']);
      for (const args of runs) {
        expect(args).toContain('--post-renderer=woow-manifest-check');
        expect(args.join(' ')).not.toContain('--dry-run');
      }
    } finally {
      checks.close();
    }
  });

  it('fails closed when the operator socket is gone: helm applies nothing', async () => {
    const checks = await ManifestCheckServer.start(logger);
    const { releases } = await releasesWith(checks);
    checks.close();
    const ref = { namespace: ns, releaseName: `${ns}-gone` };
    await expect(releases.install(ref, change({}))).rejects.toThrow(
      /post-renderer/,
    );
    expect((await helmList()).map(r => r.name)).not.toContain(`${ns}-gone`);
    await expect(
      kube.core.readNamespacedConfigMap({
        namespace: ns,
        name: ref.releaseName,
      }),
    ).rejects.toMatchObject({ code: 404 });
  });
});
