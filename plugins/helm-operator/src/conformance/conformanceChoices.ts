import type { UserValue } from '@woowtech/backstage-plugin-woow-cloud-services-common';

// What the marketplace conformance test (marketplace.conformance.integration.test.ts)
// expects of each app: decided by people, written once, each with a reason.

/**
 * Apps not run, with the reason. Explicit, so that a new refusal or a chart
 * missing from the repository fails the stage instead of shrinking it.
 */
export const EXPECTED_UNCHECKED: Record<
  string,
  { reason: string; refusal?: RegExp }
> = {
  anythingllm: {
    reason:
      'refused by policy: anything-llm 0.2.0 always renders a Namespace (templates/namespace.yaml)',
    refusal:
      /refused before anything was applied: Namespace "[^"]+" \(cluster-scoped\)/,
  },
};

/**
 * Value-spec keys the chart reads without declaring them in values.yaml,
 * with the reason. Any other key missing from the chart's values fails.
 */
export const KEYS_NOT_DEFAULTED: Record<string, Record<string, string>> = {
  grafana: {
    adminPassword:
      'read by templates/secret.yaml; commented out in values.yaml (the chart generates one when unset)',
  },
  anythingllm: {
    'config.LLM_PROVIDER':
      'entry of the free-form map `config` (every entry becomes an environment variable)',
    'config.OPEN_MODEL_PREF':
      'entry of the free-form map `config` (every entry becomes an environment variable)',
    'secret.data.OPEN_AI_KEY':
      'entry of the free-form map `secret.data` (every entry becomes a Secret key)',
  },
  superset: {
    'extraSecretEnv.SUPERSET_SECRET_KEY':
      'entry of the free-form map `extraSecretEnv` (every entry becomes a Secret environment variable)',
  },
};

/**
 * The one value each app's upgrade changes: a value spec where the app has a
 * harmless one; otherwise a value of the template's defaults; for apps whose
 * only specs are storage sizes (the sandbox's StorageClass cannot expand a
 * volume) or a GPU switch (no GPU node), the chart's own `podAnnotations`.
 */
export function upgrades(
  secretSeed: string,
): Record<string, { key: string; value: UserValue }> {
  return {
    airflow: { key: 'webserver.defaultUser.username', value: 'conformance' },
    'docker-registry': {
      key: 'secrets.htpasswd',
      value:
        'conformance:$2y$05$conformanceconformanceconformanceconformanceconfo',
    },
    gitea: { key: 'gitea.admin.email', value: 'conformance@example.com' },
    grafana: { key: 'adminUser', value: 'conformance' },
    jenkins: { key: 'controller.admin.username', value: 'conformance' },
    mariadb: { key: 'auth.database', value: 'conformance_db' },
    metabase: { key: 'timeZone', value: 'Europe/Paris' },
    n8n: { key: 'config.executions.pruneDataMaxAge', value: 336 },
    'node-red': { key: 'podAnnotations.conformance', value: 'upgraded' },
    ollama: { key: 'podAnnotations.conformance', value: 'upgraded' },
    'open-webui': {
      key: 'openaiBaseApiUrl',
      value: 'https://api.example.com/v1',
    },
    podinfo: { key: 'ui.message', value: 'Upgraded by the conformance stage' },
    postgresql: { key: 'auth.database', value: 'conformance_db' },
    redis: {
      key: 'auth.password',
      value: `Pw-${secretSeed}-upgraded-0123456789`,
    },
    superset: { key: 'init.adminUser.username', value: 'conformance' },
    'uptime-kuma': { key: 'podAnnotations.conformance', value: 'upgraded' },
    wordpress: { key: 'wordpressBlogName', value: 'Conformance Blog' },
  };
}
