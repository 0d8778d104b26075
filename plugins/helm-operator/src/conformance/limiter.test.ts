import { limiter } from './limiter';

/** A call that finishes when the test says so. */
function deferred() {
  let finish!: () => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return { promise, finish, fail };
}

const settle = () => new Promise(resolve => setImmediate(resolve));

describe('limiter', () => {
  it('runs at most `concurrency` calls at a time, the rest in call order', async () => {
    const slot = limiter(2);
    const calls = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const results = calls.map((call, i) =>
      slot(async () => {
        started.push(i);
        await call.promise;
        return i;
      }),
    );
    await settle();
    expect(started).toEqual([0, 1]);
    calls[1].finish();
    await settle();
    expect(started).toEqual([0, 1, 2]);
    // A call made now waits behind the one already waiting.
    const late = slot(async () => {
      started.push(4);
      return 4;
    });
    // A failed call frees its slot too (its rejection watched from now on).
    const firstError = results[0].catch((error: Error) => error.message);
    calls[0].fail(new Error('boom'));
    await settle();
    expect(started).toEqual([0, 1, 2, 3]);
    calls[2].finish();
    calls[3].finish();
    await expect(firstError).resolves.toBe('boom');
    await expect(Promise.all(results.slice(1))).resolves.toEqual([1, 2, 3]);
    await expect(late).resolves.toBe(4);
    expect(started).toEqual([0, 1, 2, 3, 4]);
  });
});
