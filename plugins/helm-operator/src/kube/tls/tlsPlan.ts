import { V1IngressTLS } from '@kubernetes/client-node';
import { certificateCovers, CertificateFacts } from './x509';
import { originCopyName } from './OriginCertificateCopies';
import { TlsOptions } from './tlsOptions';

/** What an Ingress carries for TLS: its `tls` entries and annotations. */
export interface IngressTlsPlan {
  tls: V1IngressTLS[];
  annotations: Record<string, string>;
}

/** cert-manager's ingress-shim reads these and makes one Certificate per tls entry. */
export const CLUSTER_ISSUER_ANNOTATION = 'cert-manager.io/cluster-issuer';
export const ISSUER_ANNOTATION = 'cert-manager.io/issuer';

/** `<release>-tls` for the subdomain, `<release>-domain-tls` for the custom domain. */
export function certManagerSecretName(releaseName: string, index: number) {
  return index === 0 ? `${releaseName}-tls` : `${releaseName}-domain-tls`;
}

/**
 * The TLS part of a release's Ingress for its hosts (subdomain first).
 * originCertificate: one entry with the hosts the shared certificate covers
 * (a wildcard covers the base domain's subdomains, not a custom domain);
 * certManager: one entry and certificate per host, issued by the issuer;
 * none: the preset Secret for the subdomain when one is configured, else nothing.
 */
export function planIngressTls(
  options: TlsOptions,
  releaseName: string,
  hosts: string[],
  origin?: CertificateFacts,
  /** mode none: a Secret already in every namespace (helmOperator.ingress.tlsSecretName), for the subdomain. */
  presetSecretName?: string,
): IngressTlsPlan {
  if (options.mode === 'originCertificate') {
    const covered = origin
      ? hosts.filter(h => certificateCovers(origin, h))
      : [];
    return {
      tls: covered.length
        ? [{ hosts: covered, secretName: originCopyName(releaseName) }]
        : [],
      annotations: {},
    };
  }
  if (options.mode === 'certManager') {
    const key =
      options.issuerKind === 'ClusterIssuer'
        ? CLUSTER_ISSUER_ANNOTATION
        : ISSUER_ANNOTATION;
    return {
      tls: hosts.map((host, i) => ({
        hosts: [host],
        secretName: certManagerSecretName(releaseName, i),
      })),
      annotations: { [key]: options.issuerName },
    };
  }
  return {
    tls: presetSecretName
      ? [{ hosts: [hosts[0]], secretName: presetSecretName }]
      : [],
    annotations: {},
  };
}
