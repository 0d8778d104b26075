import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { readOperatorOptions } from './config';
import { readTlsOptions } from './kube/tls/tlsOptions';
import { createRouter } from './service/router';
import { startOperator } from './startup';

/**
 * The helm-operator backend plugin: helm releases in workspace namespaces,
 * for other backends (service principals) only.
 *
 * @public
 */
export const helmOperatorPlugin = createBackendPlugin({
  pluginId: 'helm-operator',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpAuth: coreServices.httpAuth,
        auditor: coreServices.auditor,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
      },
      async init({ config, logger, httpAuth, auditor, httpRouter, lifecycle }) {
        const options = {
          ...readOperatorOptions(config),
          tls: readTlsOptions(config.getOptionalConfig('helmOperator.tls')),
        };
        const operator = await startOperator(options, logger);
        lifecycle.addShutdownHook(() => {
          operator.informers.stop();
          operator.tls.copies?.stop();
          operator.manifestChecks?.close();
        });
        httpRouter.use(
          await createRouter({
            httpAuth,
            auditor,
            logger,
            http: options.http,
            ...operator,
          }),
        );
      },
    });
  },
});
