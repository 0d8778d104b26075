// The shared polling helper (lib/waitFor.mjs): no environment needed.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { waitFor } from '../lib/waitFor.mjs';

describe('waitFor', () => {
  test('returns the first truthy value, polling past falsy values and errors', async () => {
    const answers = [
      undefined,
      null,
      false,
      new Error('not yet'),
      0,
      '',
      { ready: true },
    ];
    let calls = 0;
    const value = await waitFor(
      async () => {
        const next = answers[calls++];
        if (next instanceof Error) throw next;
        return next;
      },
      { intervalMs: 1 },
    );
    assert.deepEqual(value, { ready: true });
    assert.equal(calls, answers.length);
  });

  test('gives up naming what it waited for and the last error or value seen', async () => {
    await assert.rejects(
      waitFor(
        async () => {
          throw new Error('connection refused');
        },
        { timeoutMs: 20, intervalMs: 1, what: 'the API server' },
      ),
      /waiting for the API server; last: connection refused$/,
    );
    await assert.rejects(
      waitFor(async () => false, {
        timeoutMs: 20,
        intervalMs: 1,
        what: 'ready pods',
      }),
      /waiting for ready pods; last: false$/,
    );
  });
});
