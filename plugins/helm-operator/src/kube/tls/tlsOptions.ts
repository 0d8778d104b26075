import { Config } from '@backstage/config';
import { TlsMode } from '@woowtech/backstage-plugin-woow-cloud-services-common';

/** helmOperator.tls: how the Ingresses of releases get certificates. */
export type TlsOptions =
  | { mode: 'none' }
  | {
      mode: 'originCertificate';
      /** Where the shared certificate Secret (kubernetes.io/tls) lives, outside workspaces. */
      secretNamespace: string;
      secretName: string;
    }
  | {
      mode: 'certManager';
      issuerKind: 'ClusterIssuer' | 'Issuer';
      issuerName: string;
    };

const MODES: TlsMode[] = ['none', 'originCertificate', 'certManager'];

function required(config: Config, key: string): string {
  const value = config.getOptionalString(key);
  if (!value) {
    throw new Error(
      `Invalid config helmOperator.tls.${key}: required when helmOperator.tls.mode is ${config.getString(
        'mode',
      )}`,
    );
  }
  return value;
}

/** Reads helmOperator.tls; absent means `none` (Ingresses without tls). */
export function readTlsOptions(config: Config | undefined): TlsOptions {
  if (!config) return { mode: 'none' };
  const mode = config.getString('mode') as TlsMode;
  if (!MODES.includes(mode)) {
    throw new Error(
      `Invalid config helmOperator.tls.mode "${mode}": one of ${MODES.join(
        ', ',
      )}`,
    );
  }
  if (mode === 'originCertificate') {
    return {
      mode,
      secretNamespace: required(config, 'secretNamespace'),
      secretName: required(config, 'secretName'),
    };
  }
  if (mode === 'certManager') {
    const issuerKind =
      config.getOptionalString('issuerKind') ?? 'ClusterIssuer';
    if (issuerKind !== 'ClusterIssuer' && issuerKind !== 'Issuer') {
      throw new Error(
        `Invalid config helmOperator.tls.issuerKind "${issuerKind}": ClusterIssuer or Issuer`,
      );
    }
    return { mode, issuerKind, issuerName: required(config, 'issuerName') };
  }
  return { mode: 'none' };
}
