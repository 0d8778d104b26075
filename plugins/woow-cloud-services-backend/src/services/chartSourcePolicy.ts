import type { Config } from '@backstage/config';
import {
  ChartSourceAllowList,
  DEFAULT_ALLOWED_CHART_SOURCES,
  type FieldError,
  type HelmChartSpec,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { chartSourceFor } from './mapping';

/**
 * The chart sources templates may use. The backend reads the list the
 * operator enforces: `woowCloudServices.allowedChartSources` when the
 * operator runs apart (set it to the operator's list), else
 * `helmOperator.allowedChartSources` of this same config, else the default
 * (the marketplace's repositories and the local charts directory).
 */
export function readAllowedChartSources(config: Config): ChartSourceAllowList {
  for (const key of [
    'woowCloudServices.allowedChartSources',
    'helmOperator.allowedChartSources',
  ]) {
    const entries = config.getOptionalStringArray(key);
    if (entries) return ChartSourceAllowList.fromEntries(entries, key);
  }
  return ChartSourceAllowList.fromEntries(
    DEFAULT_ALLOWED_CHART_SOURCES,
    'helmOperator.allowedChartSources',
  );
}

/** Why a template's chart source is refused (a field error), or undefined. */
export function chartSourceProblem(
  allowList: ChartSourceAllowList,
  chart: HelmChartSpec,
): FieldError | undefined {
  const source = chartSourceFor(chart, chart.chartVersion);
  const result =
    'localName' in source
      ? allowList.checkLocal()
      : allowList.checkUrl(
          'repoUrl' in source ? source.repoUrl : source.ociRef,
        );
  return result && 'problem' in result
    ? { field: 'helmChart.repository', message: result.problem }
    : undefined;
}
