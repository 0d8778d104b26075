// The one polling helper of every test (and of the environment's own start-up
// waits): the node:test suites here, and the Jest suites of the plugins, which
// import this file directly (Jest transforms it; tsc reads the JSDoc types).
// No dependencies, so that it loads the same way everywhere.

/**
 * Calls `check` every `intervalMs` until it returns a truthy value, and returns
 * that value. A check that throws counts as "not yet". After `timeoutMs` (which
 * only stops a wait that hangs: no test measures time with it) it fails with
 * `what` and the last value or error seen.
 *
 * @template T
 * @param {() => Promise<T | undefined | null | false>} check
 * @param {{ timeoutMs?: number, intervalMs?: number, what?: string }} [options]
 * @returns {Promise<T>}
 */
export async function waitFor(
  check,
  { timeoutMs = 120_000, intervalMs = 500, what = 'condition' } = {},
) {
  const deadline = Date.now() + timeoutMs;
  /** @type {unknown} */
  let last;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      const seen = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(
        `timed out after ${Math.round(
          timeoutMs / 1000,
        )} s waiting for ${what}; last: ${seen}`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, intervalMs));
  }
}
