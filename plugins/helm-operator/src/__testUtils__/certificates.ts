import execa from 'execa';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A self-signed certificate for `names` (real PEM, made by openssl), as an origin CA would issue. */
export async function makeCertificate(
  names: string[],
  days = 30,
): Promise<{ crt: string; key: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'woow-cert-'));
  try {
    await execa('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      path.join(dir, 'tls.key'),
      '-out',
      path.join(dir, 'tls.crt'),
      '-days',
      String(days),
      '-subj',
      '/O=Test Origin CA/CN=test origin',
      '-addext',
      `subjectAltName=${names.map(n => `DNS:${n}`).join(',')}`,
    ]);
    return {
      crt: fs.readFileSync(path.join(dir, 'tls.crt'), 'utf8'),
      key: fs.readFileSync(path.join(dir, 'tls.key'), 'utf8'),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
