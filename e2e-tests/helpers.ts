import { expect, type Page } from '@playwright/test';
import path from 'node:path';

/** Opens the portal and signs in with the guest provider (local use only). */
export async function signInAsGuest(page: Page, url = '/') {
  await page.goto(url);
  const enter = page.getByRole('button', { name: 'Enter' });
  // The sign-in page appears once per browser context.
  if (await enter.isVisible({ timeout: 15_000 }).catch(() => false)) {
    await enter.click();
  }
  await expect(page.getByRole('navigation', { name: 'sidebar nav' })).toBeVisible();
}

/** Saves a full-page screenshot under artifacts/screenshots/ for review. */
export async function screenshot(page: Page, name: string) {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.screenshot({
    path: path.join('artifacts', 'screenshots', `${name}.png`),
    fullPage: true,
  });
}
