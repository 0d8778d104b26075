import { execFileSync } from 'node:child_process';
import { makeCertificate } from '../tools/testenv/lib/certificate.mjs';

/**
 * Puts a `kubernetes.io/tls` Secret with a fresh self-signed certificate
 * for `names` into a namespace of the test cluster, as a platform team
 * would provide the certificate the Ingress names (helmOperator.ingress.
 * tlsSecretName); kubectl and the kubeconfig come from the test environment.
 */
export function putTlsSecret(namespace: string, name: string, names: string[]) {
  const { crt, key } = makeCertificate(names, {
    organization: 'E2E Origin CA',
  });
  const secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'kubernetes.io/tls',
    metadata: { name, namespace },
    data: {
      'tls.crt': Buffer.from(crt).toString('base64'),
      'tls.key': Buffer.from(key).toString('base64'),
    },
  };
  execFileSync(process.env.WOOW_KUBECTL || 'kubectl', ['apply', '-f', '-'], {
    input: JSON.stringify(secret),
    stdio: ['pipe', 'ignore', 'inherit'],
  });
}
