// Input that must never get through, whatever route it comes in by: keys that
// reach an object's prototype, and JSON nested deeper than any real request.
// One rule here, applied at every boundary (both plugins' body parsers, the
// zod schemas of values, value specs and default values).

/** Keys refused anywhere in values, value specs, default values and JSON bodies. */
export const FORBIDDEN_KEYS: readonly string[] = [
  '__proto__',
  'constructor',
  'prototype',
];

/** Nesting of JSON bodies (objects and arrays) beyond this is refused. */
export const DEFAULT_MAX_JSON_DEPTH = 32;

export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN_KEYS.includes(key);
}

/** `a.b[2].c`, the way errors name a place in a document. */
export function formatPath(path: readonly (string | number)[]): string {
  return path
    .map((part, i) => {
      if (typeof part === 'number') return `[${part}]`;
      return i === 0 ? part : `.${part}`;
    })
    .join('');
}

/**
 * The path of the first forbidden key in `value` (own keys of nested objects
 * and arrays; a dotted key such as `a.__proto__.b` counts too, since values
 * are expanded on dots), or undefined. Iterative: a deep document cannot
 * overflow the stack here.
 */
export function findForbiddenKey(
  value: unknown,
  basePath: readonly (string | number)[] = [],
): (string | number)[] | undefined {
  const stack: { node: unknown; path: (string | number)[] }[] = [
    { node: value, path: [...basePath] },
  ];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (Array.isArray(node)) {
      node.forEach((item, index) =>
        stack.push({ node: item, path: [...path, index] }),
      );
      continue;
    }
    for (const key of Object.keys(node)) {
      if (key.split('.').some(isForbiddenKey)) return [...path, key];
      stack.push({
        node: (node as Record<string, unknown>)[key],
        path: [...path, key],
      });
    }
  }
  return undefined;
}

/**
 * How deeply a JSON text nests objects and arrays, counted on the text itself
 * (strings skipped) so that it is known before anything parses or walks it.
 * Stops counting once `stopAbove` is passed.
 */
export function jsonTextDepth(text: string, stopAbove = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > stopAbove) return deepest;
      }
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
  }
  return deepest;
}

/** How deeply a parsed value nests objects and arrays (iterative). */
export function valueDepth(value: unknown, stopAbove = Infinity): number {
  let deepest = 0;
  const stack: { node: unknown; depth: number }[] = [{ node: value, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    const here = depth + 1;
    if (here > deepest) {
      deepest = here;
      if (deepest > stopAbove) return deepest;
    }
    for (const child of Object.values(node)) {
      stack.push({ node: child, depth: here });
    }
  }
  return deepest;
}

/**
 * The problem with a request body, as a field and message for a 400, or
 * undefined when the body may go on to its route's schema.
 */
export function inspectRequestBody(
  body: unknown,
  options: { maxDepth?: number } = {},
): { field: string; message: string } | undefined {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_JSON_DEPTH;
  if (valueDepth(body, maxDepth) > maxDepth) {
    return {
      field: 'body',
      message: `nests objects and arrays more than ${maxDepth} levels deep`,
    };
  }
  const path = findForbiddenKey(body);
  if (path) {
    return {
      field: formatPath(path),
      message: `the key "${
        String(path[path.length - 1])
          .split('.')
          .find(isForbiddenKey) ?? path[path.length - 1]
      }" is not allowed (${FORBIDDEN_KEYS.join(', ')} are refused anywhere)`,
    };
  }
  return undefined;
}

/**
 * A zod `superRefine` that refuses forbidden keys anywhere in the value,
 * naming their path. (zod itself silently drops an own `__proto__` key at
 * the top of a record; the body parsers refuse that one before zod runs.)
 */
export function refuseForbiddenKeys(
  value: unknown,
  ctx: {
    addIssue(issue: {
      code: 'custom';
      message: string;
      path?: (string | number)[];
    }): void;
  },
): void {
  const path = findForbiddenKey(value);
  if (!path) return;
  ctx.addIssue({
    code: 'custom',
    path,
    message: `the key is not allowed (${FORBIDDEN_KEYS.join(
      ', ',
    )} are refused anywhere)`,
  });
}
