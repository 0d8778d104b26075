import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  fieldValidationError,
  normalizeDomain,
  platformDomainProblem,
  serviceDeployPermission,
  type CloudService,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import crypto from 'node:crypto';
import type { CloudServicesSettings } from '../../config';
import type {
  DomainVerificationRecord,
  DomainVerificationStore,
} from '../../database/DomainVerificationStore';
import type { EventStore } from '../../database/EventStore';
import type { ServiceRecord, ServiceStore } from '../../database/ServiceStore';
import type { TemplateStore } from '../../database/TemplateStore';
import type { OperatorApi } from '../../operator/OperatorClient';
import type { AccessControl, UserCredentials } from '../AccessControl';
import { toCloudService } from '../mapping';
import { loadService } from '../serviceGuards';
import { RECONCILER_ACTOR, secondsFromNow } from '../transitions';
import { ingressSpecFor } from '../ingressSpec';
import { appliedCustomDomain, cnameTargetOf } from './appliedDomain';
import type { DnsProofChecker } from './DnsProofChecker';

/** Services whose Ingress can be rewritten now (a release exists and is not mid-operation). */
const SETTLED = new Set(['running', 'error']);

/**
 * Custom domains cannot be taken over: the rules a domain must meet before it
 * is stored, and the DNS proof it needs before the service's Ingress serves
 * it. Checks run in the background (`checkDue`) and on demand (`checkNow`).
 */
export class CustomDomains {
  constructor(
    private readonly deps: {
      services: ServiceStore;
      templates: Pick<TemplateStore, 'getById'>;
      verifications: DomainVerificationStore;
      events: EventStore;
      access: AccessControl;
      operator: OperatorApi;
      dns: DnsProofChecker;
      settings: CloudServicesSettings;
      logger: LoggerService;
    },
  ) {}

  /**
   * 400 naming `customDomain` and the rule when `domain` may not be this
   * service's: the platform's domain or a name under it (other services'
   * addresses), a reserved name, or another service's custom domain.
   */
  async assertAllowed(record: ServiceRecord, domain: string): Promise<void> {
    const { baseDomain, customDomains } = this.deps.settings;
    const reserved = new Set(
      customDomains.reservedDomains.map(normalizeDomain),
    );
    const problem =
      platformDomainProblem(domain, {
        baseDomain,
        subdomain: record.subdomain ?? undefined,
      }) ?? (reserved.has(domain) ? 'is reserved' : undefined);
    if (problem) {
      throw fieldValidationError([{ field: 'customDomain', message: problem }]);
    }
    if (await this.deps.services.isTaken('custom_domain', domain, record.id)) {
      throw fieldValidationError([
        { field: 'customDomain', message: 'is used by another service' },
      ]);
    }
  }

  /**
   * A new custom domain was stored: its proof starts over (pending, checked
   * at the next background pass). The service's own `{subdomain}.{baseDomain}`
   * needs no proof. Returns the record with its new verification.
   */
  async start(record: ServiceRecord): Promise<ServiceRecord> {
    const domain = record.customDomain;
    if (!domain) return record;
    const own = domain === cnameTargetOf(record, this.deps.settings.baseDomain);
    const verification = await this.deps.verifications.start(
      record.id,
      domain,
      {
        newToken: crypto.randomBytes(16).toString('hex'),
        state: own ? 'verified' : 'pending',
        message: own ? "The service's own address" : null,
        nextCheckAt: own ? null : new Date(),
      },
    );
    return { ...record, domainVerification: verification };
  }

  /** Puts a verification back as it was (a domain change that was undone). */
  async restore(
    serviceId: string,
    previous: DomainVerificationRecord | null | undefined,
  ): Promise<void> {
    if (!previous) return;
    await this.deps.verifications.start(serviceId, previous.domain, {
      newToken: previous.token,
      state: previous.state,
      message: previous.message,
      nextCheckAt: previous.nextCheckAt,
    });
  }

  /** "Check now": checks the service's pending custom domain at once. */
  async checkNow(
    credentials: UserCredentials,
    workspaceId: string,
    serviceId: string,
  ): Promise<CloudService> {
    await this.deps.access.requireWorkspace(
      credentials,
      workspaceId,
      serviceDeployPermission,
    );
    const record = await loadService(
      this.deps.services,
      workspaceId,
      serviceId,
    );
    const after = await this.check(record);
    return toCloudService(after, this.deps.settings.baseDomain);
  }

  /** The background pass: every pending or failed custom domain that is due. */
  async checkDue(now = new Date()): Promise<number> {
    const due = await this.deps.verifications.listDue(now, 50);
    for (const serviceId of due) {
      const record = await this.deps.services.get(serviceId);
      if (!record) continue;
      try {
        await this.check(record, now);
      } catch (error) {
        this.deps.logger.error('Checking a custom domain failed', {
          serviceId,
          error: (error as Error).message,
        });
      }
    }
    return due.length;
  }

  /**
   * Asks DNS whether the domain is proven; when it is, asks the operator to
   * serve it and records it verified. Anything else is recorded with what
   * was found and checked again later.
   */
  async check(record: ServiceRecord, now = new Date()): Promise<ServiceRecord> {
    const v = record.domainVerification;
    const domain = record.customDomain;
    if (!domain || !v || v.domain !== domain || v.state === 'verified')
      return record;
    const next = secondsFromNow(
      this.deps.settings.customDomains.recheckSeconds,
      now,
    );
    const target = cnameTargetOf(record, this.deps.settings.baseDomain);
    const proof = await this.deps.dns.check(domain, {
      cnameTarget: target,
      token: v.token,
    });
    if (!proof.proven) {
      await this.deps.verifications.record(record.id, domain, {
        state: proof.kind === 'wrong' ? 'failed' : 'pending',
        message: proof.message,
        checkedAt: now,
        nextCheckAt: next,
      });
      return this.reload(record);
    }
    if (!SETTLED.has(record.state) || !record.subdomain) {
      await this.deps.verifications.record(record.id, domain, {
        state: 'pending',
        message: `DNS proves the domain (${
          proof.by
        }); it is applied once the service is ${
          record.state === 'deleting' ? 'gone' : 'deployed'
        }`,
        checkedAt: now,
        nextCheckAt: secondsFromNow(
          this.deps.settings.customDomains.checkFrequencySeconds,
          now,
        ),
      });
      return this.reload(record);
    }
    try {
      await this.setIngress(record, {
        subdomain: record.subdomain,
        customDomain: domain,
      });
    } catch (error) {
      await this.deps.verifications.record(record.id, domain, {
        state: 'failed',
        message: `DNS proves the domain (${
          proof.by
        }), but the web address could not take it: ${(error as Error).message}`,
        checkedAt: now,
        nextCheckAt: next,
      });
      return this.reload(record);
    }
    const recorded = await this.deps.verifications.record(record.id, domain, {
      state: 'verified',
      message: `Proven by a ${proof.by} record`,
      checkedAt: now,
      nextCheckAt: null,
    });
    if (!recorded) {
      // The domain changed while it was being applied: serve what the
      // service says now, not the domain just proven.
      const current = await this.reload(record);
      await this.setIngress(current, {
        subdomain: record.subdomain,
        customDomain: appliedCustomDomain(current),
      });
      return current;
    }
    await this.deps.events.add({
      serviceId: record.id,
      workspaceId: record.workspaceId,
      type: 'domain',
      actor: RECONCILER_ACTOR,
      result: 'success',
      message: `Custom domain ${domain} verified (${proof.by} record) and now served`,
    });
    return this.reload(record);
  }

  /** Whether the Ingress must change between two versions of a service. */
  ingressChanged(before: ServiceRecord, after: ServiceRecord): boolean {
    return appliedCustomDomain(before) !== appliedCustomDomain(after);
  }

  /** Rewrites the Ingress with these hosts, to the Service its template declares. */
  private async setIngress(
    record: ServiceRecord,
    hosts: { subdomain: string; customDomain?: string },
  ) {
    const template = await this.deps.templates.getById(record.templateId);
    await this.deps.operator.setIngress(
      record.helmNamespace,
      record.helmReleaseName,
      template
        ? ingressSpecFor(template, record.helmReleaseName, hosts)
        : hosts,
    );
  }

  private async reload(record: ServiceRecord): Promise<ServiceRecord> {
    return (await this.deps.services.get(record.id)) ?? record;
  }
}
