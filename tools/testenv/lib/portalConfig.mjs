// The settings that have no default (a deployment must choose them), as every
// test portal and test operator sets them: one place, so tests and the hosts
// they expect cannot disagree. No dependencies: Jest suites import this file
// directly, like waitFor.mjs.

/** `woowCloudServices.baseDomain` of every test: services at `{subdomain}.apps.example.net`. */
export const TEST_BASE_DOMAIN = 'apps.example.net';

/** `helmOperator.ingress.tlsSecretName` of every test. */
export const TEST_TLS_SECRET_NAME = 'test-origin-tls';
