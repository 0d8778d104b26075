import { RE2JS } from 're2js';

// Value-spec patterns come from template authors and run on user input, in
// the backend and in the browser. They run on RE2 (re2js, pure JavaScript):
// matching takes time linear in the input whatever the pattern, so no
// pattern can freeze either side. What RE2 cannot compile (backreferences,
// lookarounds) is refused when the template is saved.

const compiled = new Map<string, RE2JS | Error>();
const CACHE_LIMIT = 500;

function compile(pattern: string): RE2JS | Error {
  let entry = compiled.get(pattern);
  if (!entry) {
    try {
      // Whole-value match, as HTML's pattern attribute does.
      entry = RE2JS.compile(`^(?:${pattern})$`);
    } catch (error) {
      entry = error instanceof Error ? error : new Error(String(error));
    }
    if (compiled.size >= CACHE_LIMIT) compiled.clear();
    compiled.set(pattern, entry);
  }
  return entry;
}

/**
 * Why a pattern cannot be used (for a 400 on the template), or undefined.
 * Patterns use RE2 syntax: no backreferences (\1) and no lookarounds
 * ((?=, (?!, (?<=, (?<!).
 */
export function patternProblem(pattern: string): string | undefined {
  const result = compile(pattern);
  if (!(result instanceof Error)) return undefined;
  const detail = result.message.replace(/^error parsing regexp:\s*/, '');
  return `is not a pattern the linear-time (RE2) engine accepts: ${detail}. Backreferences and lookarounds are not supported`;
}

/** Whether the whole value matches the pattern (linear time); a pattern that does not compile matches nothing. */
export function matchesPattern(pattern: string, value: string): boolean {
  const result = compile(pattern);
  if (result instanceof Error) return false;
  return result.matches(value);
}
