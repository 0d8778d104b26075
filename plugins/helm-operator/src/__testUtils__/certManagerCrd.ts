import {
  CustomObjectsApi,
  V1CustomResourceDefinition,
  ApiextensionsV1Api,
} from '@kubernetes/client-node';
import { KubeClients } from '../kube/KubeClients';
import { isConflict } from '../kube/kubeErrors';
import { eventually } from './testenv';

/**
 * cert-manager's Certificate API (its CRD, trimmed to what the tests set),
 * without cert-manager: tests create and move Certificates themselves, as
 * its controller would. Installed once per cluster; kept (CRDs are shared).
 */
const CRD: V1CustomResourceDefinition = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'certificates.cert-manager.io' },
  spec: {
    group: 'cert-manager.io',
    names: {
      kind: 'Certificate',
      listKind: 'CertificateList',
      plural: 'certificates',
      singular: 'certificate',
      shortNames: ['cert', 'certs'],
    },
    scope: 'Namespaced',
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        subresources: { status: {} },
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                x_kubernetes_preserve_unknown_fields: true,
              },
              status: {
                type: 'object',
                x_kubernetes_preserve_unknown_fields: true,
              },
            },
          },
        },
      },
    ],
  },
};

export async function ensureCertificateCrd(kube: KubeClients): Promise<void> {
  const api = kube.config.makeApiClient(ApiextensionsV1Api);
  await api.createCustomResourceDefinition({ body: CRD }).catch(async e => {
    if (!isConflict(e)) throw e;
    const existing = await api.readCustomResourceDefinition({
      name: CRD.metadata!.name!,
    });
    // cert-manager's own CRD (a cluster that has it) is left as it is.
    if (
      existing.metadata?.labels?.['app.kubernetes.io/name'] === 'cert-manager'
    )
      return;
    await api.replaceCustomResourceDefinition({
      name: CRD.metadata!.name!,
      body: {
        ...CRD,
        metadata: {
          ...CRD.metadata,
          resourceVersion: existing.metadata?.resourceVersion,
        },
      },
    });
  });
  await eventually(
    async () => {
      const crd = await api.readCustomResourceDefinition({
        name: CRD.metadata!.name!,
      });
      return crd.status?.conditions?.some(
        c => c.type === 'Established' && c.status === 'True',
      );
    },
    { what: 'the Certificate CRD is established' },
  );
}

export function customObjects(kube: KubeClients): CustomObjectsApi {
  return kube.config.makeApiClient(CustomObjectsApi);
}
