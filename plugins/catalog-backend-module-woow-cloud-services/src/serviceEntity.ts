import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import {
  servicePageUrl,
  type CatalogFeedService,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import {
  ANNOTATIONS,
  CLOUD_SERVICE_TYPE,
  catalogTags,
  isAbsoluteHttpUrl,
  locationAnnotations,
} from './entityNaming';

/** The entity ref of a service's Resource (also what a deletion removes). */
export function serviceEntityRef(helmReleaseName: string): string {
  return stringifyEntityRef({
    kind: 'Resource',
    namespace: 'default',
    name: helmReleaseName,
  });
}

/**
 * A deployed service as a `Resource`. The release name names it: unique,
 * DNS-1123 and at most 53 characters, so it is a valid entity name and the
 * same string the Kubernetes plugin matches workloads with.
 */
export function serviceEntity(
  service: CatalogFeedService,
  options: { appBaseUrl?: string } = {},
): Entity {
  const links = [];
  if (service.publicUrl && isAbsoluteHttpUrl(service.publicUrl)) {
    links.push({
      url: service.publicUrl,
      title: 'Open Web UI',
      icon: 'web',
      type: 'website',
    });
  }
  if (service.customDomain) {
    links.push({
      url: `https://${service.customDomain}`,
      title: `Open ${service.customDomain}`,
      icon: 'web',
      type: 'website',
    });
  }
  // The catalog only takes absolute link URLs: without the app's base URL
  // the page is still one click away through the entity's own tabs.
  if (isAbsoluteHttpUrl(options.appBaseUrl)) {
    links.push({
      url: servicePageUrl(service.workspaceId, service.id, options.appBaseUrl),
      title: 'Manage in Cloud Services',
      icon: 'dashboard',
      type: 'admin-dashboard',
    });
  }

  const workspace = service.workspaceName
    ? `workspace ${service.workspaceName} (${service.workspaceId})`
    : `workspace ${service.workspaceId}`;

  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: service.helmReleaseName,
      namespace: 'default',
      title: service.name,
      description: `${service.templateSlug} deployed in ${workspace}`,
      tags: catalogTags([CLOUD_SERVICE_TYPE, service.templateSlug]),
      links,
      annotations: {
        ...locationAnnotations(`service/${service.id}`),
        'backstage.io/kubernetes-id': service.helmReleaseName,
        'backstage.io/kubernetes-namespace': service.helmNamespace,
        'backstage.io/kubernetes-label-selector': `app.kubernetes.io/instance=${service.helmReleaseName}`,
        [ANNOTATIONS.serviceId]: service.id,
        [ANNOTATIONS.workspaceId]: service.workspaceId,
        [ANNOTATIONS.templateSlug]: service.templateSlug,
      },
    },
    spec: {
      type: CLOUD_SERVICE_TYPE,
      owner: service.ownerRef,
    },
  };
}
