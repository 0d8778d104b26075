import {
  chartVersionsResponseSchema,
  releaseTlsResponseSchema,
  type ChartVersionsResponse,
  type ReleaseTlsResponse,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { releasePath, type OperatorClient } from './OperatorClient';

/** Reads of the helm-operator about a release's domains and chart (one method per route). */
export interface OperatorReleaseDetailsApi {
  /** Each host of the release's Ingress and its certificate; undefined when the release does not exist. */
  getReleaseTls(
    namespace: string,
    name: string,
  ): Promise<ReleaseTlsResponse | undefined>;
  /** Versions of the deployed chart newer than the deployed one; undefined when the release does not exist. */
  getChartVersions(
    namespace: string,
    name: string,
  ): Promise<ChartVersionsResponse | undefined>;
}

/** Both calls wait at most this long (a repository index download included). */
const READ_TIMEOUT_MS = 30_000;

async function orUndefined<T>(promise: Promise<T>): Promise<T | undefined> {
  try {
    return await promise;
  } catch (error) {
    if ((error as Error)?.name === 'NotFoundError') return undefined;
    throw error;
  }
}

/** The TLS and chart-version routes of the helm-operator, through OperatorClient's transport. */
export class OperatorReleaseDetailsClient implements OperatorReleaseDetailsApi {
  constructor(private readonly client: OperatorClient) {}

  getReleaseTls(namespace: string, name: string) {
    return orUndefined(
      this.client.call(
        'GET',
        `${releasePath(namespace, name)}/tls`,
        releaseTlsResponseSchema,
        { what: 'certificates', timeoutMs: READ_TIMEOUT_MS },
      ),
    );
  }

  getChartVersions(namespace: string, name: string) {
    return orUndefined(
      this.client.call(
        'GET',
        `${releasePath(namespace, name)}/chart-versions`,
        chartVersionsResponseSchema,
        { what: 'chart versions', timeoutMs: READ_TIMEOUT_MS },
      ),
    );
  }
}
