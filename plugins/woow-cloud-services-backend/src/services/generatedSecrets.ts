import {
  allSpecs,
  GENERATED_SECRET_ALPHABETS,
  type GeneratedSecretSpec,
  type UserValues,
  type ValueSpecs,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { randomInt } from 'node:crypto';

/** A fresh secret: `length` characters, each an unbiased CSPRNG draw from the alphabet. */
export function generateSecret(spec: GeneratedSecretSpec): string {
  const chars = GENERATED_SECRET_ALPHABETS[spec.alphabet];
  let secret = '';
  for (let i = 0; i < spec.length; i++) {
    secret += chars[randomInt(chars.length)];
  }
  return secret;
}

function valueAt(tree: Record<string, unknown>, dotted: string): unknown {
  let node: unknown = tree;
  for (const part of dotted.split('.')) {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) {
      return undefined;
    }
    node = Object.hasOwn(node, part)
      ? (node as Record<string, unknown>)[part]
      : undefined;
  }
  return node;
}

/**
 * The values with every generated secret that is not set yet filled in.
 * A set one is kept as it is (never regenerated). A service deployed before
 * its template generated the value keeps what it ran with: the string at
 * that key in the default values it was deployed with (`deployedDefaults`),
 * because a new key would lock it out of data encrypted with the old one.
 */
export function withGeneratedSecrets(
  specs: ValueSpecs,
  values: UserValues,
  deployedDefaults: Record<string, unknown> = {},
): UserValues {
  const result: UserValues = { ...values };
  for (const spec of allSpecs(specs)) {
    if (!spec.generate) continue;
    const current = result[spec.key];
    if (current !== undefined && current !== '') continue;
    const inherited = valueAt(deployedDefaults, spec.key);
    result[spec.key] =
      typeof inherited === 'string' && inherited !== ''
        ? inherited
        : generateSecret(spec.generate);
  }
  return result;
}
