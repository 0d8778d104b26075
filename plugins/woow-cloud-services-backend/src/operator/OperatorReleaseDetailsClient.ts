import type {
  ChartVersionsResponse,
  ReleaseTlsResponse,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { orUndefined, type OperatorClient } from './OperatorClient';

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

/** The TLS and chart-version routes of the helm-operator, through OperatorClient's ApiClient. */
export class OperatorReleaseDetailsClient implements OperatorReleaseDetailsApi {
  constructor(private readonly client: OperatorClient) {}

  getReleaseTls(namespace: string, name: string) {
    return orUndefined(
      this.client.http.call('getReleaseTls', { params: { namespace, name } }),
    );
  }

  getChartVersions(namespace: string, name: string) {
    return orUndefined(
      this.client.http.call('listChartVersions', {
        params: { namespace, name },
      }),
    );
  }
}
