// A self-signed TLS certificate for the tests that need a real one (the
// operator's origin-certificate copies, the browser test's HTTPS address):
// made by openssl, no dependencies, so that Jest suites and Playwright specs
// import this file by path (as they do waitFor.mjs).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A P-256 certificate naming `names` (subjectAltName DNS entries), issued by
 * itself as `O=<organization>`, valid for `days` days from now.
 *
 * @param {string[]} names
 * @param {{ days?: number, organization?: string }} [options]
 * @returns {{ crt: string, key: string }} PEM texts
 */
export function makeCertificate(
  names,
  { days = 30, organization = 'Test Origin CA' } = {},
) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'woow-cert-'));
  const crt = path.join(dir, 'tls.crt');
  const key = path.join(dir, 'tls.key');
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-keyout',
        key,
        '-out',
        crt,
        '-days',
        String(days),
        '-subj',
        `/O=${organization}/CN=test certificate`,
        '-addext',
        `subjectAltName=${names.map(n => `DNS:${n}`).join(',')}`,
      ],
      { stdio: 'ignore' },
    );
    return {
      crt: fs.readFileSync(crt, 'utf8'),
      key: fs.readFileSync(key, 'utf8'),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
