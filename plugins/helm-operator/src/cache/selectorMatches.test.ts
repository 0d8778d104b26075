import { selectorMatches } from './selectorMatches';

describe('selectorMatches', () => {
  const labels = { app: 'web', tier: 'front', 'pod-template-hash': 'abc' };

  it('needs every matchLabels pair', () => {
    expect(selectorMatches({ matchLabels: { app: 'web' } }, labels)).toBe(true);
    expect(
      selectorMatches({ matchLabels: { app: 'web', tier: 'back' } }, labels),
    ).toBe(false);
    expect(selectorMatches({ matchLabels: { app: 'web' } }, undefined)).toBe(
      false,
    );
  });

  it('applies In, NotIn, Exists and DoesNotExist', () => {
    const m = (operator: string, values?: string[], key = 'tier') =>
      selectorMatches(
        { matchExpressions: [{ key, operator, values }] },
        labels,
      );
    expect(m('In', ['front', 'x'])).toBe(true);
    expect(m('In', ['back'])).toBe(false);
    expect(m('In', ['front'], 'missing')).toBe(false);
    expect(m('NotIn', ['back'])).toBe(true);
    expect(m('NotIn', ['front'])).toBe(false);
    expect(m('NotIn', ['x'], 'missing')).toBe(true);
    expect(m('Exists')).toBe(true);
    expect(m('Exists', [], 'missing')).toBe(false);
    expect(m('DoesNotExist', [], 'missing')).toBe(true);
    expect(m('DoesNotExist')).toBe(false);
    expect(m('Gt', ['1'])).toBe(false);
  });

  it('an empty selector matches everything', () => {
    expect(selectorMatches(undefined, labels)).toBe(true);
    expect(selectorMatches({}, {})).toBe(true);
  });
});
