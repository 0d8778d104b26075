import {
  chartNameOf,
  resolveServiceName,
  type IngressSpec,
  type TemplateDefinition,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';

/**
 * The Ingress a web app's release gets: its hosts, routed to the Service and
 * port its template declares (`connection`). A template that declares none
 * leaves the choice to the operator (the first port of the first Service),
 * as before templates could say.
 */
export function ingressSpecFor(
  template: Pick<TemplateDefinition, 'connection' | 'helmChart'>,
  releaseName: string,
  hosts: { subdomain: string; customDomain?: string },
): IngressSpec {
  const spec: IngressSpec = { subdomain: hosts.subdomain };
  if (hosts.customDomain) spec.customDomain = hosts.customDomain;
  if (template.connection) {
    spec.serviceName = resolveServiceName(
      template.connection.service,
      releaseName,
      chartNameOf(template.helmChart),
    );
    spec.servicePort = template.connection.port;
  }
  return spec;
}
