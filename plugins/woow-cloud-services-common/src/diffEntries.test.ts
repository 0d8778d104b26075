import { diffEntries } from './diffEntries';

describe('diffEntries', () => {
  it('lists added, removed and changed keys in key order, values compared as JSON', () => {
    const from = new Map<string, unknown>([
      ['b', { x: 1 }],
      ['gone', 'x'],
      ['same', [1, 2]],
    ]);
    const to = new Map<string, unknown>([
      ['same', [1, 2]],
      ['b', { x: 2 }],
      ['a', true],
    ]);
    expect(diffEntries(from, to)).toEqual([
      { key: 'a', change: 'added', to: true },
      { key: 'b', change: 'changed', from: { x: 1 }, to: { x: 2 } },
      { key: 'gone', change: 'removed', from: 'x' },
    ]);
  });

  it('lets the caller decide what counts as unchanged', () => {
    const masked = new Map([['password', '***']]);
    expect(
      diffEntries(masked, masked, (_a, _b, key) => key !== 'password'),
    ).toEqual([{ key: 'password', change: 'changed', from: '***', to: '***' }]);
  });
});
