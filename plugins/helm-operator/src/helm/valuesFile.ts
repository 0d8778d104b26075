import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';

/**
 * Serialises helm values to YAML text that helm reads back exactly as given.
 *
 * Every string (keys included) is double-quoted: helm parses values with YAML
 * 1.1 rules (sigs.k8s.io/yaml), where plain `yes`, `on` or `0x1f` are not
 * strings, and a quoted scalar cannot turn into more YAML ("a\nb: c" stays
 * one string). Values never reach helm through `--set`, whose own syntax
 * (commas, dots, `=`) would be injectable.
 */
export function valuesToYaml(values: Record<string, unknown>): string {
  return stringify(values, {
    defaultStringType: 'QUOTE_DOUBLE',
    defaultKeyType: 'QUOTE_DOUBLE',
    lineWidth: 0,
    aliasDuplicateObjects: false,
  });
}

/**
 * Writes the values to `values.yaml` (mode 0600) inside a fresh private
 * directory (mkdtemp: mode 0700), runs `use` with its path, and removes the
 * directory afterwards whatever happens.
 */
export async function withValuesFile<T>(
  values: Record<string, unknown>,
  use: (valuesFilePath: string) => Promise<T>,
): Promise<T> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'woow-helm-values-'));
  try {
    const file = path.join(dir, 'values.yaml');
    // 'wx': never follow or reuse an existing file.
    await fs.writeFile(file, valuesToYaml(values), { mode: 0o600, flag: 'wx' });
    return await use(file);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
