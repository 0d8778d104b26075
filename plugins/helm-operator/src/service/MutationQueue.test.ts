import { MutationQueue, MutationQueueFullError } from './MutationQueue';

/** A mutation the test finishes by hand; `started` says whether it got a slot. */
function mutation(log: string[], label: string) {
  let finish!: () => void;
  const done = new Promise<void>(r => {
    finish = r;
  });
  const state = { started: false, finish: () => finish() };
  const fn = async () => {
    state.started = true;
    log.push(label);
    await done;
    return label;
  };
  return { state, fn };
}

const tick = () => new Promise(r => setImmediate(r));

describe('MutationQueue', () => {
  it('runs at most maxConcurrent; the next one waits until one ends', async () => {
    const queue = new MutationQueue({ maxConcurrent: 2, maxQueued: 10 });
    const log: string[] = [];
    const [a, b, c] = ['a', 'b', 'c'].map(l => mutation(log, l));
    const runs = [a, b, c].map(m => queue.run('paas-ws-x', m.fn));
    await tick();
    expect(log).toEqual(['a', 'b']);
    expect(c.state.started).toBe(false);
    expect(queue.stats()).toMatchObject({ running: 2, queued: 1 });
    a.state.finish();
    await tick();
    expect(c.state.started).toBe(true);
    b.state.finish();
    c.state.finish();
    await expect(Promise.all(runs)).resolves.toEqual(['a', 'b', 'c']);
    expect(queue.stats()).toMatchObject({ running: 0, queued: 0 });
  });

  it('refuses beyond maxQueued with a 503 that says when to retry', async () => {
    const queue = new MutationQueue({ maxConcurrent: 1, maxQueued: 1 });
    const log: string[] = [];
    const running = mutation(log, 'running');
    const waiting = mutation(log, 'waiting');
    const first = queue.run('paas-ws-x', running.fn);
    const second = queue.run('paas-ws-y', waiting.fn);
    await tick();
    const refused = queue.run('paas-ws-z', async () => 'never');
    await expect(refused).rejects.toBeInstanceOf(MutationQueueFullError);
    await expect(refused).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringContaining('helmOperator.maxConcurrentMutations'),
      retryAfterSeconds: expect.any(Number),
    });
    expect(
      ((await refused.catch(e => e)) as MutationQueueFullError)
        .retryAfterSeconds,
    ).toBeGreaterThanOrEqual(1);
    running.state.finish();
    waiting.state.finish();
    await expect(Promise.all([first, second])).resolves.toEqual([
      'running',
      'waiting',
    ]);
  });

  it('serves waiting namespaces in turn: a crowded one does not starve another', async () => {
    const queue = new MutationQueue({ maxConcurrent: 1, maxQueued: 100 });
    const log: string[] = [];
    const blocker = mutation(log, 'blocker');
    const all = [queue.run('paas-ws-busy', blocker.fn)];
    const jobs = [
      ...[1, 2, 3, 4].map(i => ['paas-ws-busy', `busy${i}`]),
      ['paas-ws-quiet', 'quiet1'],
      ['paas-ws-other', 'other1'],
      ['paas-ws-quiet', 'quiet2'],
    ].map(([ns, label]) => {
      const m = mutation(log, label);
      all.push(queue.run(ns, m.fn));
      return m;
    });
    await tick();
    blocker.state.finish();
    // Each finishes as soon as it starts: the order of starts is the schedule.
    for (let i = 0; i < jobs.length; i++) {
      await tick();
      jobs.find(j => j.state.started && log.length === i + 2)?.state.finish();
    }
    for (const j of jobs) j.state.finish();
    await Promise.all(all);
    expect(log).toEqual([
      'blocker',
      'busy1',
      'quiet1',
      'other1',
      'busy2',
      'quiet2',
      'busy3',
      'busy4',
    ]);
  });
});
