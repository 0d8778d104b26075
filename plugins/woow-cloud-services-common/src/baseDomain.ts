import { hostnameSchema } from './schemas/operator';

/**
 * The one config key of the platform's domain, read by the backend plugin
 * (public URLs, CNAME targets, custom-domain rules) and by the helm-operator
 * (Ingress hosts), so the two cannot disagree: services are published at
 * `{subdomain}.{baseDomain}`. Required: no company's domain is a default.
 */
export const BASE_DOMAIN_CONFIG_KEY = 'woowCloudServices.baseDomain';

/** What `readBaseDomain` needs of a Backstage `Config`. */
export interface BaseDomainConfig {
  getOptionalString(key: string): string | undefined;
}

/** `woowCloudServices.baseDomain`, or a startup error naming the key and the rule. */
export function readBaseDomain(config: BaseDomainConfig): string {
  const value = config.getOptionalString(BASE_DOMAIN_CONFIG_KEY);
  if (!value) {
    throw new Error(
      `${BASE_DOMAIN_CONFIG_KEY} is required: the domain services are published under, as {subdomain}.{baseDomain} (e.g. apps.example.com)`,
    );
  }
  const parsed = hostnameSchema.safeParse(value);
  if (!parsed.success) {
    throw new Error(
      `${BASE_DOMAIN_CONFIG_KEY} "${value}" ${parsed.error.issues[0].message}`,
    );
  }
  return parsed.data;
}
