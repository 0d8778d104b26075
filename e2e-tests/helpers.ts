import { expect, type Page } from '@playwright/test';
import path from 'node:path';

/** Opens the portal and signs in with the guest provider (local use only). */
export async function signInAsGuest(page: Page, url = '/') {
  await page.goto(url);
  const enter = page.getByRole('button', { name: 'Enter' });
  // The sidebar's own <nav> box has no size; its links are what shows.
  const home = page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Catalog', exact: true });
  // The sign-in page appears once per browser context: wait for either.
  await expect(enter.or(home).first()).toBeVisible();
  if (await enter.isVisible()) await enter.click();
  await expect(home).toBeVisible();
}

/** Saves a full-page screenshot under artifacts/screenshots/ for review. */
export async function screenshot(page: Page, name: string) {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.screenshot({
    path: path.join('artifacts', 'screenshots', `${name}.png`),
    fullPage: true,
  });
}
