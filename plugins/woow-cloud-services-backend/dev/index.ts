import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';

// Standalone development backend of this plugin (`backstage-cli package start`):
// the plugin and the helm-operator it drives, with mocked auth so that
//
//   curl http://localhost:7007/api/woow-cloud-services/templates
//
// works without signing in (as user:default/mock). The helm-operator needs a
// cluster (KUBECONFIG) and helm; see its README.
const backend = createBackend();

backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(import('../src'));
backend.add(import('@woowtech/backstage-plugin-helm-operator-backend'));

backend.start();
