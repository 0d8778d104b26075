import { expect, test } from '@playwright/test';
import { signInAsGuest, screenshot } from './helpers';

test('the backend answers health checks and lists this repo in the catalog', async ({
  request,
}) => {
  const readiness = await request.get('/.backstage/health/v1/readiness');
  expect(readiness.ok()).toBe(true);

  const refresh = await request.get('/api/auth/guest/refresh', {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  expect(refresh.ok()).toBe(true);
  const token = (await refresh.json()).backstageIdentity.token;

  const entities = await request.get(
    '/api/catalog/entities/by-query?filter=kind=component,kind=system',
    { headers: { Authorization: `Bearer ${token}` } },
  );
  expect(entities.ok()).toBe(true);
  const names = (await entities.json()).items.map(
    (e: { kind: string; metadata: { name: string } }) =>
      `${e.kind}:${e.metadata.name}`,
  );
  expect(names).toEqual(
    expect.arrayContaining([
      'System:woow-cloud-services',
      'Component:woow-portal',
      'Component:woow-helm-operator',
    ]),
  );
});

test('the home page shows the portal with the Cloud Services entry', async ({
  page,
}) => {
  await signInAsGuest(page);
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await expect(nav.getByRole('link', { name: 'Catalog', exact: true })).toBeVisible();
  const cloudServices = nav.getByRole('link', { name: 'Cloud Services' });
  await expect(cloudServices).toBeVisible();
  await expect(page.getByText('woow-portal').first()).toBeVisible();
  await screenshot(page, 'home');

  await cloudServices.click();
  await expect(page).toHaveURL(/\/cloud-services/);
  await screenshot(page, 'cloud-services');
});
