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

/**
 * Saves a full-page screenshot under artifacts/screenshots/ for review.
 * Backstage scrolls inside its page container, not the document, so
 * `fullPage` alone stops at the viewport: the viewport is made as tall as
 * the scrolled content for the shot, then restored.
 */
export async function screenshot(page: Page, name: string) {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  const viewport = page.viewportSize();
  const hidden = await page.evaluate(() => {
    let most = 0;
    for (const el of Array.from(
      document.querySelectorAll<HTMLElement>('body *'),
    )) {
      const { overflowY } = getComputedStyle(el);
      if (overflowY === 'auto' || overflowY === 'scroll') {
        most = Math.max(most, el.scrollHeight - el.clientHeight);
      }
    }
    return most;
  });
  const tall = viewport && hidden > 0;
  if (tall) {
    await page.setViewportSize({
      width: viewport.width,
      height: Math.min(viewport.height + hidden, 6000),
    });
  }
  try {
    await page.screenshot({
      path: path.join('artifacts', 'screenshots', `${name}.png`),
      fullPage: true,
      // Dialogs and menus fade in: show them as they end up.
      animations: 'disabled',
    });
  } finally {
    if (tall) await page.setViewportSize(viewport);
  }
}
