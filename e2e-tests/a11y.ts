import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';

/**
 * The accessibility bar every page of the portal meets: an axe-core audit
 * against WCAG 2.0 and 2.1, levels A and AA, with no serious or critical
 * violation. The whole result is attached to the test report for review.
 */

const AXE_SOURCE = fs.readFileSync(
  require.resolve('axe-core/axe.min.js'),
  'utf8',
);

const BLOCKING_IMPACTS = new Set(['serious', 'critical']);

interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: Array<{ target: unknown[]; html: string; failureSummary?: string }>;
}

/** Runs axe-core on the page (or one part of it) and returns its violations. */
export async function axeViolations(
  page: Page,
  scope = 'body',
): Promise<AxeViolation[]> {
  // Evaluated, not a <script> tag: the portal's CSP allows no inline script.
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.evaluate(AXE_SOURCE);
  }
  return page.evaluate(async selector => {
    const axe = (window as any).axe;
    const result = await axe.run(document.querySelector(selector), {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'],
      },
    });
    return result.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n: any) => ({
        target: n.target,
        html: String(n.html).slice(0, 300),
        failureSummary: n.failureSummary,
      })),
    }));
  }, scope);
}

/**
 * A violation that sits in Backstage's own components, which this product
 * renders but does not write: the rule, and why it is not ours to fix. Our
 * own components have no exceptions.
 */
export interface UpstreamViolation {
  rule: string;
  why: string;
}

/**
 * Fails when the page (or `scope`) has a serious or critical WCAG 2 A/AA
 * violation, naming each rule and the elements it found; `upstream` lists
 * the rules known to fail in Backstage's own components on that page.
 */
export async function expectAccessible(
  page: Page,
  name: string,
  options: { scope?: string; upstream?: UpstreamViolation[] } = {},
): Promise<void> {
  const { scope = 'body', upstream = [] } = options;
  const known = new Set(upstream.map(u => u.rule));
  // Audit what the user sees: after the page has loaded its data.
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  // ...and once it has settled: a dialog fading in is translucent for a
  // moment, and axe would measure its text's contrast against what shows
  // through. Endless animations (a pulsing skeleton) are not waited for.
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every(
        a =>
          a.playState !== 'running' ||
          a.effect?.getComputedTiming().endTime === Infinity,
      ),
  );
  const violations = await axeViolations(page, scope);
  await test.info().attach(`axe-${name}.json`, {
    body: JSON.stringify(violations, null, 2),
    contentType: 'application/json',
  });
  const blocking = violations
    .filter(v => BLOCKING_IMPACTS.has(v.impact ?? ''))
    .filter(v => !known.has(v.id))
    .map(
      v =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes
          .map(n => `${JSON.stringify(n.target)} ${n.html}`)
          .join(', ')}`,
    );
  // Soft: a page's violations do not hide the next page's.
  expect.soft(blocking, `accessibility of ${name}`).toEqual([]);
}
