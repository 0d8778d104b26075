import { V1Secret } from '@kubernetes/client-node';
import { gzipSync } from 'node:zlib';
import { HELM_RELEASE_SECRET_TYPE } from '../helm/releaseSecret';

/** A release Secret as the API server returns it (helm's encoding, then Secret data base64). */
export function releaseSecret(
  release: Record<string, unknown>,
  opts: { gzip?: boolean; type?: string } = {},
): V1Secret {
  const json = Buffer.from(JSON.stringify(release));
  const helmEncoded = (opts.gzip === false ? json : gzipSync(json)).toString(
    'base64',
  );
  return {
    metadata: {
      name: `sh.helm.release.v1.${release.name}.v${release.version}`,
      namespace: String(release.namespace),
      labels: { owner: 'helm', name: String(release.name) },
    },
    type: opts.type ?? HELM_RELEASE_SECRET_TYPE,
    data: { release: Buffer.from(helmEncoded).toString('base64') },
  };
}
