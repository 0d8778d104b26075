import fs from 'node:fs';
import { parse } from 'yaml';
import { valuesToYaml, withValuesFile } from './valuesFile';

describe('valuesToYaml', () => {
  const tricky = {
    yamlInjection: 'a\nb: c',
    flagInjection: '--set x=y',
    shell: '$(id); `id` && rm -rf /',
    yaml11Bool: 'yes',
    on: 'off',
    octal: '0755',
    nullish: 'null',
    tilde: '~',
    anchor: '&a *a',
    comment: 'value # not a comment',
    docEnd: '...\n---\nkind: Secret',
    nested: { 'key.with.dots': 'v', list: ['- x', { y: 'z: 1' }] },
    number: 3,
    bool: true,
    none: null,
  };

  it('reads back exactly what was given', () => {
    expect(parse(valuesToYaml(tricky))).toEqual(tricky);
  });

  it('double-quotes every string, keys included (no YAML 1.1 surprises in helm)', () => {
    const text = valuesToYaml({ on: 'yes', n: 1 });
    expect(text).toBe('"on": "yes"\n"n": 1\n');
  });

  it('keeps injection text inside one scalar', () => {
    const text = valuesToYaml({ a: 'x\nb: c' });
    expect(text.trim().split('\n')).toHaveLength(1);
    expect(parse(text)).toEqual({ a: 'x\nb: c' });
  });
});

describe('withValuesFile', () => {
  it('writes a 0600 file in a private 0700 directory and removes both afterwards', async () => {
    let seen = '';
    const result = await withValuesFile({ password: 's3cret' }, async file => {
      seen = file;
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(fs.statSync(require('node:path').dirname(file)).mode & 0o777).toBe(
        0o700,
      );
      expect(parse(fs.readFileSync(file, 'utf8'))).toEqual({
        password: 's3cret',
      });
      return 42;
    });
    expect(result).toBe(42);
    expect(fs.existsSync(seen)).toBe(false);
    expect(fs.existsSync(require('node:path').dirname(seen))).toBe(false);
  });

  it('removes the file when the helm call fails', async () => {
    let seen = '';
    await expect(
      withValuesFile({}, async file => {
        seen = file;
        throw new Error('helm failed');
      }),
    ).rejects.toThrow('helm failed');
    expect(fs.existsSync(require('node:path').dirname(seen))).toBe(false);
  });
});
