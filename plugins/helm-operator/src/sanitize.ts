// Two levels of cleaning for text that comes from helm or the Kubernetes API:
// - redactSecrets: for logs. Removes credentials, certificates, tokens and the
//   caller's secret values; keeps everything else for debugging.
// - sanitizeMessage: for API responses. Also removes file system paths
//   (kubeconfig, temp values files, chart directories) and bounds the length.

const PEM = /-----BEGIN [A-Z0-9 ]+-----[\s\S]*?-----END [A-Z0-9 ]+-----/g;
const KEYED_SECRET =
  /((?:certificate-authority-data|client-certificate-data|client-key-data|token|password|passwd|secret|api[-_]?key)["']?\s*[:=]\s*["']?)[^\s"',;}]+/gi;
const BEARER = /(bearer\s+)[\w.~+/=-]+/gi;
const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]*/g;
const URL_USERINFO = /([a-z][a-z0-9+.-]*:\/\/)[^/\s@]+@/gi;
// base64 or hex blobs (no "-": names of releases and objects keep their dashes)
const BLOB = /(?<![\w-])[A-Za-z0-9+/=]{40,}(?![\w-])/g;
const ABSOLUTE_PATH = /(^|[\s'"(=:,[])(\/(?:[\w.@+~-]+\/?)+)/g;

const MAX_MESSAGE_LENGTH = 1500;

function escapeRegExp(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Replaces the given secret values (longest first, so a secret containing another goes whole). */
export function redactValues(text: string, secrets: readonly string[]): string {
  let out = text;
  const values = [...new Set(secrets.filter(s => s.length >= 4))].sort(
    (a, b) => b.length - a.length,
  );
  for (const value of values) {
    out = out.replace(new RegExp(escapeRegExp(value), 'g'), '<redacted>');
  }
  return out;
}

export function redactSecrets(
  text: string,
  secrets: readonly string[] = [],
): string {
  return redactValues(text, secrets)
    .replace(PEM, '<redacted certificate>')
    .replace(URL_USERINFO, '$1<redacted>@')
    .replace(BEARER, '$1<redacted>')
    .replace(JWT, '<redacted>')
    .replace(KEYED_SECRET, '$1<redacted>')
    .replace(BLOB, '<redacted>');
}

export function sanitizeMessage(
  text: string,
  secrets: readonly string[] = [],
): string {
  let out = redactSecrets(text, secrets)
    .replace(ABSOLUTE_PATH, '$1<path>')
    .replace(/^(Error: )+/, '')
    .trim();
  if (out.length > MAX_MESSAGE_LENGTH) {
    out = `${out.slice(0, MAX_MESSAGE_LENGTH)}...`;
  }
  return out;
}

const SECRET_KEY =
  /pass(word|wd|phrase)?|secret|token|api[-_]?key|private[-_]?key|credential|auth[-_]?key|cert(ificate)?[-_]?key/i;

/** Whether a values key names a secret (its value is masked in diffs and redacted from messages). */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** Every string value under a secret-like key, at any depth: what must never leave in clear. */
export function secretValuesOf(
  values: unknown,
  underSecretKey = false,
): string[] {
  if (typeof values === 'string') return underSecretKey ? [values] : [];
  if (Array.isArray(values))
    return values.flatMap(v => secretValuesOf(v, underSecretKey));
  if (values && typeof values === 'object') {
    return Object.entries(values).flatMap(([k, v]) =>
      secretValuesOf(v, underSecretKey || isSecretKey(k)),
    );
  }
  return [];
}
