import { matchesPattern, patternProblem } from './valuePattern';
import { valueSpecsSchema } from '../schemas/valueSpec';
import { validateUserValues } from '../schemas/valueValidation';

describe('value-spec patterns', () => {
  it.each([
    ['[a-z]+', 'abc', true],
    ['[a-z]+', 'abc1', false],
    ['.{8,}', 'longenough', true],
    ['#[0-9a-fA-F]{6}', '#34577c', true],
    ['[^@\\s]+@[^@\\s]+\\.[^@\\s]+', 'a@b.co', true],
    ['a|b', 'ab', false],
  ])('%s on %s: %s', (pattern, value, expected) => {
    expect(patternProblem(pattern)).toBeUndefined();
    expect(matchesPattern(pattern, value)).toBe(expected);
  });

  it.each([
    ['(a)\\1', /invalid escape/],
    ['(?=a)a', /unsupported Perl syntax/],
    ['(?<!a)b', /named capture|Perl syntax/],
    ['(', /missing closing \)/],
  ])('refuses %s', (pattern, detail) => {
    expect(patternProblem(pattern)).toMatch(/RE2/);
    expect(patternProblem(pattern)).toMatch(detail);
    expect(matchesPattern(pattern, 'a')).toBe(false);
  });

  it('runs a catastrophic pattern on a long input and returns', () => {
    // With a backtracking engine this takes longer than the test run.
    const input = `${'a'.repeat(4000)}!`;
    expect(matchesPattern('(a+)+', input)).toBe(false);
    expect(matchesPattern('(a|aa)+$', input)).toBe(false);
    expect(matchesPattern('(a+)+', 'aaaa')).toBe(true);
    const specs = valueSpecsSchema.parse({
      required: [
        { key: 'name', label: 'Name', type: 'text', pattern: '^(a+)+$' },
      ],
    });
    expect(validateUserValues(specs, { name: input })).toEqual([
      { field: 'name', message: 'must match the pattern ^(a+)+$' },
    ]);
  });

  it('is refused in a value spec, naming the spec', () => {
    const result = valueSpecsSchema.safeParse({
      optional: [
        { key: 'tag', label: 'Tag', type: 'text', pattern: '(\\w)\\1' },
      ],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path).toEqual(['optional', 0, 'pattern']);
  });
});
