import type { MetricSeries } from '@woowtech/backstage-plugin-woow-cloud-services-common';

export type MetricUnit = MetricSeries['unit'];

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

function trimmed(value: number, digits: number): string {
  return Number(value.toFixed(digits)).toString();
}

/** 1536 -> "1.5 KiB" (binary units, as Kubernetes reports memory). */
export function formatBytes(bytes: number): string {
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const sign = bytes < 0 ? '-' : '';
  return `${sign}${trimmed(value, value < 10 && unit > 0 ? 2 : 1)} ${
    BYTE_UNITS[unit]
  }`;
}

/** CPU in cores; small values keep enough digits to be distinguishable. */
export function formatCores(cores: number): string {
  const digits = Math.abs(cores) < 0.1 ? 3 : 2;
  const text = trimmed(cores, digits);
  return `${text} ${text === '1' ? 'core' : 'cores'}`;
}

export function formatMetricValue(
  value: number | null | undefined,
  unit: MetricUnit,
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) {
    return 'no data';
  }
  switch (unit) {
    case 'cores':
      return formatCores(value);
    case 'bytes':
      return formatBytes(value);
    case 'bytes/s':
      return `${formatBytes(value)}/s`;
    case 'percent':
      return `${trimmed(value, 1)}%`;
    case 'req/s':
      return `${trimmed(value, 2)} req/s`;
    case 'count':
    default:
      return trimmed(value, 0);
  }
}

/** Monthly price in US dollars, e.g. "$12.50 / month". */
export function formatMonthlyPrice(price: number): string {
  if (price === 0) return 'Free';
  const amount = new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: 'USD',
  }).format(price);
  return `${amount} / month`;
}

export function formatTimestamp(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

/** Chart axis label for a unix-seconds timestamp at a given range. */
export function formatChartTime(unixSeconds: number, longRange: boolean) {
  const date = new Date(unixSeconds * 1000);
  return longRange
    ? date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })
    : date.toLocaleTimeString(undefined, {
        hour: '2-digit',
        minute: '2-digit',
      });
}
