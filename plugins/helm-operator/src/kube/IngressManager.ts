import { ConflictError, InputError } from '@backstage/errors';
import { V1Ingress } from '@kubernetes/client-node';
import {
  IngressInfo,
  IngressSpec,
  normalizeDomain,
  platformDomainProblem,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { IngressCache } from '../cache/IngressCache';
import { IngressOptions } from '../config';
import { UnprocessableError } from '../errors';
import { KubeClients } from './KubeClients';
import { isConflict, isNotFound, kubeErrorToSafe } from './kubeErrors';
import { INSTANCE_LABEL, managedLabels, RELEASE_LABEL } from './labels';
import { ManifestObject, objectsOfKind } from './manifest';
import { IngressTls } from './tls/IngressTls';

// The request that made the Ingress, kept on it so an upgrade can rebuild it
// against the new manifest (the Service or its port may have changed).
const SUBDOMAIN = 'woow.cloud/subdomain';
const CUSTOM_DOMAIN = 'woow.cloud/custom-domain';
const SERVICE_PORT = 'woow.cloud/service-port';
const SERVICE_NAME = 'woow.cloud/service-name';

export interface IngressRef {
  namespace: string;
  releaseName: string;
}

interface ServicePort {
  name?: string;
  port: number;
}

/**
 * Chooses the Service and port of a release manifest that the Ingress routes
 * to: the named Service and the hinted port (number or name) when the
 * template declares them; else the first port of the first Service with
 * ports, headless ones last.
 */
export function pickBackend(
  objects: ManifestObject[],
  hint?: number | string,
  serviceName?: string,
): { serviceName: string; port: ServicePort } {
  const services = objectsOfKind(objects, 'Service').filter(
    s =>
      (s.spec?.ports ?? []).length > 0 &&
      (serviceName === undefined || s.metadata?.name === serviceName),
  );
  // Headless services (StatefulSet peers) are not meant for traffic.
  const ordered = [
    ...services.filter(s => s.spec?.clusterIP !== 'None'),
    ...services.filter(s => s.spec?.clusterIP === 'None'),
  ];
  for (const svc of ordered) {
    const ports = svc.spec.ports as ServicePort[];
    const port =
      hint === undefined
        ? ports[0]
        : ports.find(p =>
            typeof hint === 'number' ? p.port === hint : p.name === hint,
          );
    if (port) return { serviceName: svc.metadata.name, port };
  }
  const which = serviceName ? `Service "${serviceName}"` : 'Service';
  throw new UnprocessableError(
    hint === undefined
      ? `The release has no ${which} with a port to route its domain to`
      : `The release has no ${which} exposing port ${hint}`,
  );
}

/** How long a write waits for the Ingress informer to see it (then host checks see it too). */
const CACHE_SETTLE_MS = 5_000;

/** The Ingress of a release: `{subdomain}.{baseDomain}` (+ custom domain) to its Service. */
export class IngressManager {
  constructor(
    private readonly kube: KubeClients,
    private readonly opts: IngressOptions,
    /** The informer-backed index: host checks and reads without an API call. */
    private readonly cache?: IngressCache,
    /** Certificates of the hosts (helmOperator.tls); none: no tls entries. */
    private readonly tls?: IngressTls,
  ) {}

  hostsFor(spec: IngressSpec): string[] {
    const hosts = [`${spec.subdomain}.${this.opts.baseDomain}`];
    if (spec.customDomain && spec.customDomain !== hosts[0])
      hosts.push(spec.customDomain);
    return hosts;
  }

  /**
   * 400 when the custom domain is the base domain, a parent of it, or under
   * it other than the release's own subdomain (another release's address);
   * 409 when another Ingress anywhere in the cluster already serves one of
   * the hosts. The backend checks both first; this is defence in depth.
   */
  async assertHostsFree(ref: IngressRef, spec: IngressSpec): Promise<void> {
    if (spec.customDomain) {
      const problem = platformDomainProblem(
        normalizeDomain(spec.customDomain),
        {
          baseDomain: this.opts.baseDomain,
          subdomain: spec.subdomain,
        },
      );
      if (problem) throw new InputError(`customDomain ${problem}`);
    }
    const hosts = new Set(this.hostsFor(spec).map(normalizeDomain));
    if (this.cache) {
      const self = { namespace: ref.namespace, name: ref.releaseName };
      const taken = [...hosts].find(
        h => this.cache!.servedBy(h, self).length > 0,
      );
      if (taken)
        throw new ConflictError(
          `Host ${taken} is already routed to another service`,
        );
      return;
    }
    const all = await this.kube.networking
      .listIngressForAllNamespaces({})
      .catch(e => Promise.reject(kubeErrorToSafe(e, 'Listing Ingresses')));
    for (const ing of all.items) {
      const same =
        ing.metadata?.namespace === ref.namespace &&
        ing.metadata?.name === ref.releaseName;
      if (same) continue;
      const taken = (ing.spec?.rules ?? [])
        .map(r => r.host)
        .find(h => h && hosts.has(normalizeDomain(h)));
      if (taken)
        throw new ConflictError(
          `Host ${taken} is already routed to another service`,
        );
    }
  }

  async apply(
    ref: IngressRef,
    spec: IngressSpec,
    objects: ManifestObject[],
  ): Promise<IngressInfo> {
    const { serviceName, port } = pickBackend(
      objects,
      spec.servicePort,
      spec.serviceName,
    );
    const hosts = this.hostsFor(spec);
    const tls = await this.tls?.plan(ref.releaseName, hosts);
    const annotations: Record<string, string> = {
      ...tls?.annotations,
      [SUBDOMAIN]: spec.subdomain,
    };
    if (spec.customDomain) annotations[CUSTOM_DOMAIN] = spec.customDomain;
    if (spec.servicePort !== undefined)
      annotations[SERVICE_PORT] = String(spec.servicePort);
    if (spec.serviceName) annotations[SERVICE_NAME] = spec.serviceName;
    const backend = {
      service: {
        name: serviceName,
        port: port.name ? { name: port.name } : { number: port.port },
      },
    };
    const body: V1Ingress = {
      metadata: {
        name: ref.releaseName,
        namespace: ref.namespace,
        labels: managedLabels({
          [RELEASE_LABEL]: ref.releaseName,
          [INSTANCE_LABEL]: ref.releaseName,
        }),
        annotations,
      },
      spec: {
        ingressClassName: this.opts.className,
        tls: tls?.tls ?? [],
        rules: hosts.map(host => ({
          host,
          http: { paths: [{ path: '/', pathType: 'Prefix', backend }] },
        })),
      },
    };
    const what = `Applying the Ingress of release "${ref.releaseName}"`;
    const { namespace } = ref;
    const existing = await this.read(ref);
    try {
      let written: V1Ingress;
      if (existing) {
        body.metadata!.resourceVersion = existing.metadata?.resourceVersion;
        written = await this.kube.networking.replaceNamespacedIngress({
          name: ref.releaseName,
          namespace,
          body,
        });
      } else {
        written = await this.kube.networking.createNamespacedIngress({
          namespace,
          body,
        });
      }
      await this.cache?.waitFor(
        { namespace, name: ref.releaseName },
        true,
        CACHE_SETTLE_MS,
        written.metadata?.resourceVersion,
      );
      if (tls) await this.tls!.provide(written, tls);
    } catch (e) {
      if (isConflict(e)) {
        throw new ConflictError(
          existing
            ? `${what}: it changed meanwhile; retry`
            : `${what}: an Ingress "${ref.releaseName}" not made by the operator exists`,
        );
      }
      throw kubeErrorToSafe(e, what);
    }
    return this.toInfo(body);
  }

  /** The spec an existing Ingress was made from (to re-apply it after an upgrade). */
  async currentSpec(ref: IngressRef): Promise<IngressSpec | undefined> {
    const ing = await this.read(ref);
    const a = ing?.metadata?.annotations;
    if (!a?.[SUBDOMAIN]) return undefined;
    const port = a[SERVICE_PORT];
    return {
      subdomain: a[SUBDOMAIN],
      ...(a[CUSTOM_DOMAIN] ? { customDomain: a[CUSTOM_DOMAIN] } : {}),
      ...(a[SERVICE_NAME] ? { serviceName: a[SERVICE_NAME] } : {}),
      ...(port
        ? { servicePort: /^\d+$/.test(port) ? Number(port) : port }
        : {}),
    };
  }

  async get(ref: IngressRef): Promise<IngressInfo | null> {
    const ing = this.cache
      ? this.cache.get(ref.namespace, ref.releaseName)
      : await this.read(ref);
    return ing && this.isOurs(ref, ing) ? this.toInfo(ing) : null;
  }

  private isOurs(ref: IngressRef, ing: V1Ingress): boolean {
    return ing.metadata?.labels?.[RELEASE_LABEL] === ref.releaseName;
  }

  /** Each host of the release's Ingress with its certificate's state; null without an Ingress. */
  async certificates(ref: IngressRef) {
    const ing = await this.read(ref);
    if (!ing) return null;
    return this.tls ? this.tls.certificatesOf(ing) : [];
  }

  /** Deletes the release's Ingress; false when there was none. */
  async delete(ref: IngressRef): Promise<boolean> {
    if (!(await this.read(ref))) return false;
    await this.tls?.release(ref);
    try {
      await this.kube.networking.deleteNamespacedIngress({
        name: ref.releaseName,
        namespace: ref.namespace,
      });
      await this.cache?.waitFor(
        { namespace: ref.namespace, name: ref.releaseName },
        false,
        CACHE_SETTLE_MS,
      );
      return true;
    } catch (e) {
      if (isNotFound(e)) return false;
      throw kubeErrorToSafe(
        e,
        `Deleting the Ingress of release "${ref.releaseName}"`,
      );
    }
  }

  /** Only Ingresses the operator made count: a chart's own Ingress of the same name is left alone. */
  private async read(ref: IngressRef): Promise<V1Ingress | undefined> {
    try {
      const ing = await this.kube.networking.readNamespacedIngress({
        name: ref.releaseName,
        namespace: ref.namespace,
      });
      return this.isOurs(ref, ing) ? ing : undefined;
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw kubeErrorToSafe(
        e,
        `Reading the Ingress of release "${ref.releaseName}"`,
      );
    }
  }

  private toInfo(ing: V1Ingress): IngressInfo {
    const rules = ing.spec?.rules ?? [];
    const svc = rules[0]?.http?.paths[0]?.backend.service;
    return {
      name: ing.metadata?.name ?? '',
      hosts: rules.map(r => r.host ?? '').filter(Boolean),
      className: ing.spec?.ingressClassName ?? '',
      tlsSecretName: ing.spec?.tls?.[0]?.secretName ?? '',
      serviceName: svc?.name ?? '',
      servicePort: svc?.port?.name ?? svc?.port?.number ?? 0,
    };
  }
}
