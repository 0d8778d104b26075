import {
  coreServices,
  createServiceFactory,
  type HttpAuthService,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';

// Shared by this package's portal tests and the Cloud Services backend's
// MCP actions test (both run the real permission backend with this policy).

const OBO_PREFIX = 'Bearer mock-service-token:';

/**
 * The mock httpAuth, except that a plugin's token on behalf of a user is
 * that user with the plugin as actor, as real tokens are. (The mock drops
 * the actor; the real permissions registry then refuses the permission
 * backend's apply-conditions call, as it refuses a user calling directly.)
 */
export const httpAuthWithActors = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }): HttpAuthService {
    const inner = mockServices.httpAuth({ pluginId: plugin.getId() });
    return {
      issueUserCookie: (res, options) => inner.issueUserCookie(res, options),
      credentials: (async (req, options) => {
        const credentials = await inner.credentials(req, options);
        const header = req.headers.authorization ?? '';
        const principal = credentials.principal as {
          type: string;
          userEntityRef?: string;
          actor?: unknown;
        };
        if (
          principal.type === 'user' &&
          !principal.actor &&
          header.startsWith(OBO_PREFIX)
        ) {
          const { sub } = JSON.parse(header.slice(OBO_PREFIX.length));
          return mockCredentials.user(principal.userEntityRef, {
            actor: { subject: sub ?? 'plugin:test' },
          });
        }
        return credentials;
      }) as HttpAuthService['credentials'],
    };
  },
});
