import { Fence } from '../fence';
import { NamespaceChanges } from './NamespaceChanges';

function feed(opts: { epoch?: string; maxNamespaces?: number } = {}) {
  return new NamespaceChanges({
    fence: new Fence('paas-ws-'),
    epoch: opts.epoch ?? 'e1',
    maxNamespaces: opts.maxNamespaces,
  });
}

describe('NamespaceChanges', () => {
  it('counts every change and answers each namespace changed after a cursor once', () => {
    const changes = feed();
    const start = changes.since('e1-0');
    expect(start).toEqual({ cursor: 'e1-0', namespaces: [], reset: false });
    changes.record('paas-ws-a');
    changes.record('paas-ws-b');
    changes.record('paas-ws-a');
    const after = changes.since(start.cursor);
    expect(after.cursor).toBe('e1-3');
    expect(after.namespaces.sort()).toEqual(['paas-ws-a', 'paas-ws-b']);
    // b changed at 2 and a last at 3: after 2, only a.
    expect(changes.since('e1-2').namespaces).toEqual(['paas-ws-a']);
    expect(changes.since(after.cursor).namespaces).toEqual([]);
  });

  it('records namespaces inside the fence only', () => {
    const changes = feed();
    changes.record('kube-system');
    changes.record('paas-ws-');
    changes.record(undefined);
    expect(changes.since('e1-0')).toEqual({
      cursor: 'e1-0',
      namespaces: [],
      reset: false,
    });
  });

  it('answers a reset for no cursor, another epoch, a cursor from the future, and after a relist', () => {
    const changes = feed();
    changes.record('paas-ws-a');
    expect(changes.since(undefined).reset).toBe(true);
    expect(changes.since('e0-1').reset).toBe(true);
    expect(changes.since('e1-9').reset).toBe(true);
    const before = changes.since('e1-1');
    expect(before.reset).toBe(false);
    changes.reset();
    expect(changes.since(before.cursor)).toEqual({
      cursor: 'e1-2',
      namespaces: [],
      reset: true,
    });
    // A cursor taken after the relist is answered as usual.
    changes.record('paas-ws-b');
    expect(changes.since('e1-2')).toEqual({
      cursor: 'e1-3',
      namespaces: ['paas-ws-b'],
      reset: false,
    });
  });

  it('keeps at most maxNamespaces; a cursor from before a forgotten change is reset', () => {
    const changes = feed({ maxNamespaces: 2 });
    changes.record('paas-ws-a');
    changes.record('paas-ws-b');
    changes.record('paas-ws-c');
    // a (sequence 1) was forgotten: a cursor before it cannot be answered one by one.
    expect(changes.since('e1-0').reset).toBe(true);
    expect(changes.since('e1-1')).toEqual({
      cursor: 'e1-3',
      namespaces: ['paas-ws-b', 'paas-ws-c'],
      reset: false,
    });
  });

  it('holds a long poll until a namespace changes', async () => {
    const changes = feed();
    const polled = changes.wait('e1-0', 600_000);
    expect(changes.waiting).toBe(1);
    changes.record('paas-ws-a');
    await expect(polled).resolves.toEqual({
      cursor: 'e1-1',
      namespaces: ['paas-ws-a'],
      reset: false,
    });
    expect(changes.waiting).toBe(0);
  });

  it('ends a long poll with a relist as a reset', async () => {
    const changes = feed();
    const polled = changes.wait('e1-0', 600_000);
    changes.reset();
    await expect(polled).resolves.toMatchObject({ reset: true });
  });

  it('answers a long poll with nothing when the wait passes or the caller goes away', async () => {
    jest.useFakeTimers();
    try {
      const changes = feed();
      const polled = changes.wait('e1-0', 25_000);
      jest.advanceTimersByTime(24_999);
      expect(changes.waiting).toBe(1);
      jest.advanceTimersByTime(1);
      await expect(polled).resolves.toEqual({
        cursor: 'e1-0',
        namespaces: [],
        reset: false,
      });
      const gone = new AbortController();
      const abandoned = changes.wait('e1-0', 25_000, gone.signal);
      gone.abort();
      await expect(abandoned).resolves.toMatchObject({ namespaces: [] });
      expect(changes.waiting).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });

  it('answers at once when changes are already there', async () => {
    const changes = feed();
    changes.record('paas-ws-a');
    await expect(changes.wait('e1-0', 600_000)).resolves.toMatchObject({
      namespaces: ['paas-ws-a'],
    });
    expect(changes.waiting).toBe(0);
  });
});
