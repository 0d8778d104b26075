import { z } from 'zod';

/**
 * Placeholders a template's Service name may use: `{release}` is the Helm
 * release name; `{fullname}` is the name most charts give their main
 * objects (Helm's `<chart>.fullname` helper): the release name when it
 * already contains the chart name, else `{release}-{chart name}`, cut to 63
 * characters without a trailing dash.
 */
const SERVICE_NAME_PATTERN = /^([a-z0-9-]|\{release\}|\{fullname\})+$/;

/**
 * Which Kubernetes Service of a release clients connect to. The Connect card
 * shows its in-cluster address and port-forward command; for web apps the
 * Ingress routes the public URL to this Service and port.
 */
export const connectionSpecSchema = z
  .strictObject({
    service: z
      .string()
      .min(1)
      .max(120)
      .regex(
        SERVICE_NAME_PATTERN,
        'must be lower-case letters, digits, dashes and the placeholders {release} or {fullname}',
      )
      .describe(
        'Name of the Service, e.g. "{fullname}" or "{fullname}-master": {release} is the Helm release name, {fullname} the chart\'s usual full name (the release name if it contains the chart name, else {release}-{chart name})',
      ),
    port: z
      .number()
      .int()
      .min(1)
      .max(65535)
      .describe('The Service port (spec.ports[].port, not the container port)'),
  })
  .describe(
    'The Service and port clients connect to; without it: Service "{fullname}" on the template\'s defaultPort, and the Ingress routes to the first port of the first Service',
  );
export type ConnectionSpec = z.infer<typeof connectionSpecSchema>;

/** The Service name Helm's usual `fullname` helper gives a release of a chart. */
export function helmFullname(releaseName: string, chartName: string): string {
  const full = releaseName.includes(chartName)
    ? releaseName
    : `${releaseName}-${chartName}`;
  return full.slice(0, 63).replace(/-+$/, '');
}

/** The chart's name as Helm sees it: for `oci://` sources the last path segment. */
export function chartNameOf(chart: {
  repository: string;
  chartName: string;
}): string {
  if (chart.repository.startsWith('oci://')) {
    const last = chart.repository.replace(/\/+$/, '').split('/').pop() ?? '';
    return last.split(/[:@]/)[0] || chart.chartName;
  }
  if (chart.repository.startsWith('local:')) {
    return chart.repository.slice('local:'.length) || chart.chartName;
  }
  return chart.chartName;
}

/** A template's Service name with the placeholders filled in for a release. */
export function resolveServiceName(
  pattern: string,
  releaseName: string,
  chartName: string,
): string {
  return pattern
    .replaceAll('{fullname}', helmFullname(releaseName, chartName))
    .replaceAll('{release}', releaseName);
}

/** What the template says about connecting; the documented default when it says nothing. */
export function connectionSpecOf(template: {
  connection?: ConnectionSpec;
  defaultPort: number;
}): ConnectionSpec {
  return (
    template.connection ?? { service: '{fullname}', port: template.defaultPort }
  );
}

/** How to reach a deployed service from inside the cluster and from a workstation. */
export const serviceConnectionSchema = z.object({
  serviceName: z.string().describe('The Kubernetes Service'),
  namespace: z.string().describe('The workspace namespace'),
  port: z.number().int().describe('The Service port'),
  host: z
    .string()
    .describe('In-cluster DNS name: <service>.<namespace>.svc.cluster.local'),
  address: z.string().describe('host:port'),
  portForwardCommand: z
    .string()
    .describe('kubectl command that forwards the port to localhost'),
});
export type ServiceConnection = z.infer<typeof serviceConnectionSchema>;

/** The in-cluster address and port-forward command of a service of a template. */
export function serviceConnection(
  template: {
    connection?: ConnectionSpec;
    defaultPort: number;
    helmChart: { repository: string; chartName: string };
  },
  service: { helmReleaseName: string; helmNamespace: string },
): ServiceConnection {
  const spec = connectionSpecOf(template);
  const serviceName = resolveServiceName(
    spec.service,
    service.helmReleaseName,
    chartNameOf(template.helmChart),
  );
  const namespace = service.helmNamespace;
  const host = `${serviceName}.${namespace}.svc.cluster.local`;
  return {
    serviceName,
    namespace,
    port: spec.port,
    host,
    address: `${host}:${spec.port}`,
    portForwardCommand: `kubectl port-forward -n ${namespace} svc/${serviceName} ${spec.port}:${spec.port}`,
  };
}

/**
 * A reveal of a service's credentials: the decrypted values of the value
 * specs the template marks secret, for workspace admins and owners only.
 */
export const revealedCredentialsSchema = z.object({
  items: z.array(
    z.object({
      key: z
        .string()
        .describe('The value spec key, e.g. auth.postgresPassword'),
      label: z.string().describe('The value spec label'),
      value: z
        .union([z.string(), z.number(), z.boolean()])
        .describe('The decrypted value'),
    }),
  ),
});
export type RevealedCredentials = z.infer<typeof revealedCredentialsSchema>;

/**
 * The launch rule for the subdomain: apps with a web UI need one (their
 * public URL); apps without one take none (nothing would answer there).
 */
export function launchSubdomainProblem(
  template: { ingressEnabled: boolean },
  subdomain: string | undefined,
): string | undefined {
  if (template.ingressEnabled && !subdomain) return 'is required';
  if (!template.ingressEnabled && subdomain) {
    return 'is not used: this application has no web UI (connect to it inside the cluster)';
  }
  return undefined;
}
