import { createBackend } from '@backstage/backend-defaults';

// Development setup: `npm start` in this package runs a backend with only this
// plugin, configured by the repository's app-config.yaml (helmOperator.*) and
// the current kubeconfig. Call it with a service token, e.g. a static
// external-access key added to backend.auth.externalAccess in
// app-config.local.yaml:
//
//   curl -H "Authorization: Bearer $KEY" http://localhost:7007/api/helm-operator/health
const backend = createBackend();
backend.add(import('../src'));
backend.start();
