import { expect, test, type Page } from '@playwright/test';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { expectAccessible } from './a11y';
import { screenshot, signInAsGuest } from './helpers';
import {
  cloudApi,
  expectRunning,
  openTab,
  runId,
  type ServiceRow,
} from './cloud';

/**
 * Issue 14 in the browser, with the real Bitnami Redis chart (a StatefulSet
 * with a volume claim template) from the local Helm repository of
 * ../shared/charts that the operator apart serves (scripts/e2eCharts.mjs):
 * - changing its storage size is refused in the review, in words, with
 *   Confirm disabled: the preview asked the API server (dry run);
 * - deleting it offers "keep data" (the claim survives helm uninstall); kept,
 *   the PVC is still there afterwards; deleted, it is gone.
 * PVCs are checked through the Kubernetes API of the test environment.
 */

test.describe.configure({ mode: 'serial' });

const run = runId();
const workspaceId = `e2e-vol-${run}`;
// Short: the release name (paas-ws-<workspace>-<slug>-<id>) plus "-master"
// and a revision hash makes a pod label, at most 63 characters.
const TEMPLATE_SLUG = 'redis-sz';
const TEMPLATE_NAME = 'Redis (local chart, size not fixed)';

/**
 * marketplace/redis.yaml with its chart from the operator's local charts and
 * the storage size NOT marked immutable (as a template written without it
 * would be): the preview must catch the change by asking the cluster.
 */
function localRedisTemplate() {
  const file = path.join(__dirname, '..', 'marketplace', 'redis.yaml');
  const definition = parse(fs.readFileSync(file, 'utf8'));
  const optional = definition.valueSpecs.optional.map(
    (spec: { key: string; immutable?: boolean }) => {
      const { immutable: _fixed, ...rest } = spec;
      return rest;
    },
  );
  return {
    ...definition,
    slug: TEMPLATE_SLUG,
    name: TEMPLATE_NAME,
    helmChart: { ...definition.helmChart, repository: 'local:' },
    valueSpecs: { ...definition.valueSpecs, optional },
  };
}

const core = () => {
  const config = new KubeConfig();
  config.loadFromDefault(); // KUBECONFIG of the test environment
  return config.makeApiClient(CoreV1Api);
};

async function pvcNames(namespace: string): Promise<string[]> {
  const list = await core().listNamespacedPersistentVolumeClaim({ namespace });
  return list.items
    .filter(p => !p.metadata?.deletionTimestamp)
    .map(p => p.metadata!.name!);
}

let page: Page;

test.beforeAll(async ({ browser, request }) => {
  const api = await cloudApi(request);
  const existing = await api.get(`/templates/${TEMPLATE_SLUG}`);
  if (existing.status() === 404) {
    const created = await api.post('/templates', localRedisTemplate());
    expect(created.status(), await created.text()).toBe(201);
  }
  const ws = await api.post('/workspaces', {
    id: workspaceId,
    name: `E2E volumes ${run}`,
  });
  expect(ws.status(), await ws.text()).toBe(201);
  page = await browser.newPage();
});

test.afterAll(async ({ request }) => {
  await (await cloudApi(request)).deleteAllServices(workspaceId);
  await page?.close();
});

/** Launches a Redis through the configuration page and waits for Running. */
async function launchRedis(name: string): Promise<ServiceRow> {
  await signInAsGuest(
    page,
    `/cloud-services/workspaces/${workspaceId}/services/configure/${TEMPLATE_SLUG}`,
  );
  await page.getByRole('textbox', { name: 'Application name' }).fill(name);
  await page
    .getByLabel('Redis Password', { exact: true })
    .fill(`Pw-${run}-redis`);
  await page.getByRole('button', { name: 'Launch Application' }).click();
  await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();
  await expectRunning(page);
  const api = await cloudApi(page.request);
  return (await api.services(workspaceId)).find(s => s.name === name)!;
}

/** Deletes the open service through its dialog; `keep` chooses the data option. */
async function deleteThroughDialog(service: ServiceRow, keep: boolean) {
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Delete ${service.name}?` });
  const keepRadio = dialog.getByRole('radio', {
    name: new RegExp(
      `^Keep data volumes \\(redis-data of StatefulSet ${service.helmReleaseName}-master\\)`,
    ),
  });
  // The claim template survives helm uninstall: keeping is offered, and the default.
  await expect(keepRadio).toBeChecked();
  if (!keep) {
    await dialog
      .getByRole('radio', { name: 'Delete data volumes permanently' })
      .check();
  }
  await dialog
    .getByRole('textbox', { name: 'Type the service name to confirm' })
    .fill(service.name);
  await screenshot(page, `volumes-delete-${keep ? 'keep' : 'delete'}-data`);
  await expectAccessible(page, `delete-dialog-${keep ? 'keep' : 'delete'}`, {
    scope: '[role="dialog"]',
  });
  await dialog.getByRole('button', { name: 'Delete service' }).click();
  await expect(page).toHaveURL(
    new RegExp(`/cloud-services/workspaces/${workspaceId}$`),
  );
  await expect(page.getByRole('article', { name: service.name })).toHaveCount(
    0,
    { timeout: 120_000 },
  );
}

test('the Redis storage size change is refused in the review, with the reason', async () => {
  test.setTimeout(480_000);
  const service = await launchRedis(`Cache ${run}`);
  await openTab(page, 'Configuration');
  await page.getByRole('button', { name: 'Edit values' }).click();
  const form = page.getByRole('form', { name: 'Edit Helm values' });
  await form.getByRole('button', { name: /^Advanced settings/ }).click();
  await form
    .getByRole('combobox', { name: 'Storage Size' })
    .selectOption('8Gi');
  await form.getByRole('button', { name: 'Review changes' }).click();

  const review = page.getByRole('dialog', { name: 'Review changes' });
  const refusal = review.getByRole('alert', { name: 'Refused by the cluster' });
  await expect(refusal).toContainText('The cluster would refuse this change');
  await expect(refusal).toContainText(
    `StatefulSet ${service.helmReleaseName}-master cannot change spec.volumeClaimTemplates[0].spec.resources.requests.storage`,
  );
  await expect(refusal).toContainText(
    /Kubernetes says: StatefulSet\.apps "[^"]+" is invalid: spec: Forbidden: updates to statefulset spec for fields other than/,
  );
  await expect(
    review.getByRole('button', { name: 'Confirm upgrade' }),
  ).toBeDisabled();
  await screenshot(page, 'volumes-storage-change-refused');
  await expectAccessible(page, 'review-refused', {
    scope: '[role="dialog"]',
  });
  await review.getByRole('button', { name: 'Back to editing' }).click();
  await form.getByRole('button', { name: 'Cancel' }).click();

  // Nothing changed: still revision 1, running, 4Gi.
  const [after] = (await (
    await cloudApi(page.request)
  ).services(workspaceId)) as (ServiceRow & {
    helmValues: Record<string, unknown>;
  })[];
  expect(after).toMatchObject({ state: 'running', helmRevision: 1 });
  expect(after.helmValues['master.persistence.size']).toBe('4Gi');
});

test('deleting it keeping the data leaves its PVC in the namespace', async () => {
  test.setTimeout(240_000);
  const [service] = await (await cloudApi(page.request)).services(workspaceId);
  const pvc = `redis-data-${service.helmReleaseName}-master-0`;
  expect(await pvcNames(service.helmNamespace)).toContain(pvc);
  await deleteThroughDialog(service, true);
  expect(await pvcNames(service.helmNamespace)).toContain(pvc);
});

test('deleting another one with its data removes its PVC', async () => {
  test.setTimeout(480_000);
  const service = await launchRedis(`Cache two ${run}`);
  const pvc = `redis-data-${service.helmReleaseName}-master-0`;
  expect(await pvcNames(service.helmNamespace)).toContain(pvc);
  await deleteThroughDialog(service, false);
  await expect
    .poll(() => pvcNames(service.helmNamespace), { timeout: 120_000 })
    .not.toContain(pvc);
});
