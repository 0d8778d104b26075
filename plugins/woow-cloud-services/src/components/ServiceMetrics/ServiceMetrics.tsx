import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import { InfoCard, WarningPanel } from '@backstage/core-components';
import type {
  CloudService,
  MetricsRange,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { useServiceMetrics } from '../../hooks/useServiceMetrics';
import { errorMessage } from '../../lib/errors';
import { formatMetricValue } from '../../lib/format';
import { MetricsChart } from '../MetricsChart';
import { LoadingOrError } from '../shared/LoadingOrError';
import { METRIC_GROUPS, seriesOfGroup, ungroupedByUnit } from './metricGroups';
import { MetricsNotSetUp } from './MetricsNotSetUp';

const RANGES: Array<[MetricsRange, string]> = [
  ['1h', 'Last hour'],
  ['24h', '24 hours'],
  ['7d', '7 days'],
  ['30d', '30 days'],
];

/** Tab 3.3: performance over a chosen range, refreshed every 5 seconds. */
export function ServiceMetrics(props: { service: CloudService }) {
  const { service } = props;
  const [range, setRange] = useState<MetricsRange>('1h');
  const metrics = useServiceMetrics(service.workspaceId, service.id, range);

  let body: JSX.Element;
  if (!metrics.value) {
    body = (
      <LoadingOrError
        loading={metrics.loading}
        error={metrics.error}
        what="metrics"
      />
    );
  } else if (metrics.value.status === 'unavailable') {
    body = <MetricsNotSetUp message={metrics.value.message} />;
  } else {
    const { series, current } = metrics.value.metrics;
    const extra = [...ungroupedByUnit(series)];
    body = (
      <>
        {metrics.error && (
          <WarningPanel
            severity="warning"
            title="Could not refresh the metrics; showing the last ones"
            message={errorMessage(metrics.error)}
          />
        )}
        <Grid container spacing={3}>
          <Grid item xs={12}>
            <Typography
              variant="h6"
              component="p"
              aria-label="Active connections now"
            >
              Active connections now:{' '}
              {formatMetricValue(current.activeConnections, 'count')}
            </Typography>
          </Grid>
          {METRIC_GROUPS.map(group => (
            <Grid item xs={12} lg={6} key={group.id}>
              <InfoCard>
                <MetricsChart
                  title={group.title}
                  unit={group.unit}
                  range={range}
                  series={seriesOfGroup(series, group.id)}
                />
              </InfoCard>
            </Grid>
          ))}
          {extra.map(([unit, list]) => (
            <Grid item xs={12} lg={6} key={unit}>
              <InfoCard>
                <MetricsChart
                  title={`Other (${unit})`}
                  unit={unit}
                  range={range}
                  series={list}
                />
              </InfoCard>
            </Grid>
          ))}
        </Grid>
      </>
    );
  }

  return (
    <Box>
      <Box display="flex" alignItems="center" mb={2} style={{ gap: 16 }}>
        <Typography variant="h6" component="h2">
          Performance Overview
        </Typography>
        <ToggleButtonGroup
          exclusive
          size="small"
          aria-label="Time range"
          value={range}
          onChange={(_e, value: MetricsRange | null) =>
            value && setRange(value)
          }
        >
          {RANGES.map(([value, label]) => (
            <ToggleButton key={value} value={value}>
              {label}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        {/* Default text color: the secondary grey on the page background
            is below 4.5:1 (axe color-contrast). */}
        <Typography variant="caption">Refreshes every 5 seconds</Typography>
      </Box>
      {body}
    </Box>
  );
}
