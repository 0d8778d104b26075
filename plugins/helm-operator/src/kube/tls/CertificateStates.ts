import { CustomObjectsApi, V1Ingress } from '@kubernetes/client-node';
import {
  DomainCertificate,
  DomainTls,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { KubeClients } from '../KubeClients';
import { isNotFound, kubeErrorToSafe } from '../kubeErrors';
import { TlsOptions } from './tlsOptions';
import { certificateCovers, readCertificate } from './x509';

const CERT_MANAGER = { group: 'cert-manager.io', version: 'v1' };

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

interface CertManagerCertificate {
  spec?: { issuerRef?: { name?: string; kind?: string } };
  status?: { conditions?: Condition[]; notAfter?: string };
}

/**
 * Where each host's certificate stands, read from the cluster: the Secret
 * an Ingress tls entry names (its tls.crt: validity and names) for origin
 * certificates; cert-manager's Certificate (its Ready condition) for issued
 * ones. A host without a tls entry is `not-covered`.
 */
export class CertificateStates {
  private readonly customObjects: CustomObjectsApi;

  constructor(
    operatorKube: KubeClients,
    private readonly workspaceKube: KubeClients,
    private readonly options: TlsOptions,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.customObjects = operatorKube.config.makeApiClient(CustomObjectsApi);
  }

  async of(ingress: V1Ingress): Promise<DomainCertificate[]> {
    const hosts = (ingress.spec?.rules ?? [])
      .map(r => r.host)
      .filter((h): h is string => !!h);
    return Promise.all(
      hosts.map(async host => {
        const entry = ingress.spec?.tls?.find(t => t.hosts?.includes(host));
        return {
          host,
          tls: entry?.secretName
            ? await this.stateOf(ingress, host, entry.secretName)
            : this.notCovered(),
        };
      }),
    );
  }

  private notCovered(): DomainTls {
    const message =
      this.options.mode === 'originCertificate'
        ? "The platform's shared certificate does not cover this domain: it is served over plain HTTP"
        : 'TLS is not set up on this platform: the domain is served over plain HTTP';
    return { state: 'not-covered', message };
  }

  private stateOf(
    ingress: V1Ingress,
    host: string,
    secretName: string,
  ): Promise<DomainTls> {
    const namespace = ingress.metadata!.namespace!;
    return this.options.mode === 'certManager'
      ? this.issued(namespace, secretName)
      : this.fromSecret(namespace, host, secretName);
  }

  private async fromSecret(
    namespace: string,
    host: string,
    name: string,
  ): Promise<DomainTls> {
    let crt: string | undefined;
    try {
      const secret = await this.workspaceKube.core.readNamespacedSecret({
        name,
        namespace,
      });
      crt = secret.data?.['tls.crt'];
    } catch (e) {
      if (!isNotFound(e)) throw kubeErrorToSafe(e, 'Reading a certificate');
    }
    if (!crt) {
      return {
        state: 'pending',
        message: 'The certificate Secret is not in the namespace yet',
      };
    }
    let facts;
    try {
      facts = readCertificate(Buffer.from(crt, 'base64').toString('utf8'));
    } catch {
      return { state: 'error', message: 'The certificate cannot be read' };
    }
    const known = {
      notAfter: facts.notAfter.toISOString(),
      issuer: facts.issuer,
    };
    if (!certificateCovers(facts, host)) {
      return {
        state: 'not-covered',
        ...known,
        message: `The certificate does not name ${host}`,
      };
    }
    if (facts.notAfter <= this.now()) {
      return { state: 'expired', ...known, message: 'The certificate expired' };
    }
    return { state: 'active', ...known };
  }

  private async issued(namespace: string, name: string): Promise<DomainTls> {
    let cert: CertManagerCertificate;
    try {
      cert = (await this.customObjects.getNamespacedCustomObject({
        ...CERT_MANAGER,
        namespace,
        plural: 'certificates',
        name,
      })) as CertManagerCertificate;
    } catch (e) {
      if (!isNotFound(e)) throw kubeErrorToSafe(e, 'Reading a Certificate');
      return (await this.certManagerInstalled())
        ? {
            state: 'pending',
            message: 'Waiting for cert-manager to request the certificate',
          }
        : {
            state: 'error',
            message:
              'cert-manager is not installed in the cluster (no Certificate API)',
          };
    }
    const conditions = cert.status?.conditions ?? [];
    const ready = conditions.find(c => c.type === 'Ready');
    const issuing = conditions.find(c => c.type === 'Issuing');
    const notAfter = cert.status?.notAfter;
    const known = {
      ...(notAfter ? { notAfter } : {}),
      ...(cert.spec?.issuerRef?.name
        ? { issuer: cert.spec.issuerRef.name }
        : {}),
    };
    if (notAfter && new Date(notAfter) <= this.now()) {
      return { state: 'expired', ...known, message: ready?.message };
    }
    if (ready?.status === 'True') return { state: 'active', ...known };
    if (issuing?.status === 'False' && issuing.reason === 'Failed') {
      return { state: 'error', ...known, message: issuing.message };
    }
    return {
      state: 'pending',
      ...known,
      message: ready?.message ?? 'The certificate is being issued',
    };
  }

  private async certManagerInstalled(): Promise<boolean> {
    try {
      await this.customObjects.getAPIResources(CERT_MANAGER);
      return true;
    } catch (e) {
      if (isNotFound(e)) return false;
      throw kubeErrorToSafe(e, 'Looking for cert-manager');
    }
  }
}
