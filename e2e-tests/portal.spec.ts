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

  // The catalog processes its locations a few seconds after start-up.
  const names = async () => {
    const entities = await request.get(
      '/api/catalog/entities/by-query?filter=kind=component&filter=kind=system',
      { headers: { Authorization: `Bearer ${token}` } },
    );
    expect(entities.ok()).toBe(true);
    return (await entities.json()).items.map(
      (e: { kind: string; metadata: { name: string } }) =>
        `${e.kind}:${e.metadata.name}`,
    );
  };
  await expect
    .poll(names, { timeout: 120_000 })
    .toEqual(
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
  const cloudServices = nav.getByRole('link', { name: 'Cloud Services' });
  await expect(cloudServices).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Woow Cloud Services portal' }),
  ).toBeVisible();
  await screenshot(page, 'home');

  await cloudServices.click();
  await expect(page).toHaveURL(/\/cloud-services/);
  await screenshot(page, 'cloud-services');
});
