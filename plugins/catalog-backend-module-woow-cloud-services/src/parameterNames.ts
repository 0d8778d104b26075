/**
 * Helm value keys are dotted paths (`auth.password`). Scaffolder parameter
 * names end up as JSON-schema property names, RJSF field ids and secret
 * names, where a dot reads as nesting; so each key gets a dot-free name
 * (`auth__password`). The template's deploy step carries the way back
 * explicitly (`values: { 'auth.password': parameters['auth__password'] }`),
 * so nothing has to reverse the encoding.
 */

/** Names the generated "Application" step uses itself. */
export const APPLICATION_PARAMETERS = [
  'workspaceId',
  'name',
  'subdomain',
] as const;

export function toParameterName(helmKey: string): string {
  return helmKey.replace(/\./g, '__');
}

/**
 * Helm key -> parameter name for every key, unique and distinct from the
 * Application step's names. `a__b` and `a.b` would collide (both are valid
 * helm keys), as would a value called `name`: later ones get a numeric
 * suffix, in spec order, so the result is stable between provider runs.
 */
export function parameterNamesFor(
  helmKeys: readonly string[],
): Map<string, string> {
  const taken = new Set<string>(APPLICATION_PARAMETERS);
  const names = new Map<string, string>();
  for (const key of helmKeys) {
    const base = toParameterName(key);
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
    taken.add(name);
    names.set(key, name);
  }
  return names;
}

/** A template expression reading one parameter, safe for any name (`-` included). */
export function parameterExpression(name: string): string {
  return `\${{ parameters['${name}'] }}`;
}
