import { V1Ingress } from '@kubernetes/client-node';
import { DomainCertificate } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { KubeClients } from '../KubeClients';
import { CertificateStates } from './CertificateStates';
import { IngressTlsPlan, planIngressTls } from './tlsPlan';
import {
  OriginCertificateCopies,
  SourceCertificate,
} from './OriginCertificateCopies';
import { TlsOptions } from './tlsOptions';

export interface PlannedTls extends IngressTlsPlan {
  /** originCertificate: the source to copy once the Ingress exists. */
  source?: SourceCertificate;
}

/**
 * TLS of the releases' Ingresses as helmOperator.tls says: what an Ingress
 * carries, the certificate copies it needs, and each host's certificate state.
 */
export class IngressTls {
  readonly copies?: OriginCertificateCopies;
  private readonly states: CertificateStates;

  constructor(
    readonly options: TlsOptions,
    operatorKube: KubeClients,
    workspaceKube: KubeClients,
    /** helmOperator.ingress.tlsSecretName: used in mode none only. */
    private readonly presetSecretName?: string,
    now?: () => Date,
  ) {
    if (options.mode === 'originCertificate') {
      this.copies = new OriginCertificateCopies(
        operatorKube,
        workspaceKube,
        options,
      );
    }
    this.states = new CertificateStates(
      operatorKube,
      workspaceKube,
      options,
      now,
    );
  }

  async plan(releaseName: string, hosts: string[]): Promise<PlannedTls> {
    const source = await this.copies?.readSource();
    return {
      ...planIngressTls(
        this.options,
        releaseName,
        hosts,
        source?.facts,
        this.presetSecretName,
      ),
      source,
    };
  }

  /** After the Ingress is written: the copy its tls entry names. */
  async provide(ingress: V1Ingress, plan: PlannedTls): Promise<void> {
    if (this.copies && plan.source && plan.tls.length) {
      await this.copies.copyFor(ingress, plan.source);
    }
  }

  async release(ref: { namespace: string; releaseName: string }) {
    await this.copies?.deleteFor(ref);
  }

  certificatesOf(ingress: V1Ingress): Promise<DomainCertificate[]> {
    return this.states.of(ingress);
  }
}
