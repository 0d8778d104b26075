// tools/testenv is not a workspace package: its files are imported by path.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { makeCertificate as make } from '../../../../tools/testenv/lib/certificate.mjs';

/** A self-signed certificate for `names` (real PEM, made by openssl), as an origin CA would issue. */
export async function makeCertificate(
  names: string[],
  days = 30,
): Promise<{ crt: string; key: string }> {
  return make(names, { days });
}
