/*
 * The helm-operator on its own (deploy/operator): a Backstage backend with
 * only the helm-operator plugin. Callers authenticate with the static
 * external-access key of app-config.yaml (OPERATOR_API_KEY); the backend's
 * own health endpoints (/.backstage/health/v1/readiness, /liveness) serve the
 * Kubernetes probes.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();
backend.add(import('@woowtech/backstage-plugin-helm-operator-backend'));
backend.start();
