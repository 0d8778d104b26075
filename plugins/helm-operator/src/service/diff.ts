import {
  diffEntries,
  ValuesDiff,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { createTwoFilesPatch } from 'diff';
import { Document, isMap, parseAllDocuments } from 'yaml';
import { isSecretKey, redactValues } from '../sanitize';

export const MASK = '***';

interface Leaf {
  value: unknown;
  secret: boolean;
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function childPath(prefix: string, key: string | number): string {
  if (typeof key === 'number') return `${prefix}[${key}]`;
  if (PLAIN_KEY.test(key)) return prefix ? `${prefix}.${key}` : key;
  return `${prefix}[${JSON.stringify(key)}]`;
}

/** Leaves of a values tree by path (`auth.password`, `env[0].value`); empty objects and arrays are leaves. */
export function flattenValues(
  value: unknown,
  prefix = '',
  secret = false,
  out = new Map<string, Leaf>(),
) {
  if (Array.isArray(value) && value.length) {
    value.forEach((v, i) =>
      flattenValues(v, childPath(prefix, i), secret, out),
    );
  } else if (
    value &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.keys(value).length
  ) {
    for (const [k, v] of Object.entries(value)) {
      flattenValues(v, childPath(prefix, k), secret || isSecretKey(k), out);
    }
  } else if (prefix) {
    out.set(prefix, { value, secret });
  }
  return out;
}

const shown = (leaf: Leaf) => (leaf.secret ? MASK : leaf.value);

/** Added, removed and changed leaves; values under password-like keys show as "***". */
export function diffValues(before: unknown, after: unknown): ValuesDiff {
  const result: ValuesDiff = { added: [], removed: [], changed: [] };
  const changes = diffEntries(
    flattenValues(before),
    flattenValues(after),
    (a, b) => JSON.stringify(a.value) === JSON.stringify(b.value),
  );
  for (const c of changes) {
    if (c.change === 'added')
      result.added.push({ path: c.key, value: shown(c.to) });
    else if (c.change === 'removed')
      result.removed.push({ path: c.key, value: shown(c.from) });
    else
      result.changed.push({
        path: c.key,
        from: shown(c.from),
        to: shown(c.to),
      });
  }
  return result;
}

function secretKey(doc: Document): string | undefined {
  if (doc.get('kind') !== 'Secret') return undefined;
  return `${doc.getIn(['metadata', 'namespace']) ?? ''}/${doc.getIn([
    'metadata',
    'name',
  ])}`;
}

/**
 * Replaces the values of Secrets' `data` and `stringData` with "***", or
 * "*** (changed)" on the `after` side when the value differs from `before`,
 * so a diff shows which secret keys change without showing any secret.
 */
export function maskSecretManifests(
  before: string,
  after: string,
): { before: string; after: string } {
  const fromDocs = parseAllDocuments(before) as Document[];
  const toDocs = parseAllDocuments(after) as Document[];
  const oldData = new Map<string, Record<string, unknown>>();
  for (const doc of fromDocs) {
    const key = secretKey(doc);
    if (!key) continue;
    oldData.set(key, {
      ...((doc.getIn(['data']) as any)?.toJSON?.() ?? {}),
      ...((doc.getIn(['stringData']) as any)?.toJSON?.() ?? {}),
    });
  }
  const mask = (docs: Document[], compare: boolean) => {
    for (const doc of docs) {
      const key = secretKey(doc);
      if (!key) continue;
      for (const field of ['data', 'stringData']) {
        const node = doc.get(field);
        if (!isMap(node)) continue;
        for (const item of node.items) {
          const k = String((item.key as any)?.value ?? item.key);
          const value = (item.value as any)?.toJSON?.() ?? item.value;
          const changed = compare && oldData.get(key)?.[k] !== value;
          doc.setIn([field, k], changed ? `${MASK} (changed)` : MASK);
        }
      }
    }
    return docs.map(d => String(d)).join('---\n');
  };
  return { before: mask(fromDocs, false), after: mask(toDocs, true) };
}

/**
 * A unified diff of two release manifests: Secrets masked, and the caller's
 * secret values redacted wherever else they appear. Empty when unchanged.
 */
export function diffManifests(
  before: string,
  after: string,
  labels: { from: string; to: string },
  secrets: readonly string[] = [],
): string {
  const masked = maskSecretManifests(before, after);
  const from = redactValues(masked.before, secrets);
  const to = redactValues(masked.after, secrets);
  if (from === to) return '';
  const patch = createTwoFilesPatch(
    labels.from,
    labels.to,
    from,
    to,
    undefined,
    undefined,
    { context: 3 },
  );
  // The library opens every patch with a line of '=' (an svn-style
  // separator) that means nothing to a reader of one release's diff.
  return patch.replace(/^=+\n/, '');
}
