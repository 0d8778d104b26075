import Chip from '@material-ui/core/Chip';
import CircularProgress from '@material-ui/core/CircularProgress';
import { makeStyles } from '@material-ui/core/styles';
import {
  TRANSITIONAL_STATES,
  type ServiceState,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';

export const STATE_LABELS: Record<ServiceState, string> = {
  pending: 'Pending',
  deploying: 'Deploying',
  running: 'Running',
  error: 'Error',
  upgrading: 'Upgrading',
  rolling_back: 'Rolling back',
  restoring: 'Restoring',
  deleting: 'Deleting',
};

// Green for healthy, red for broken, blue for work in progress, grey for
// waiting and going away: readable at a glance on both themes, each pair
// at least 5.7:1 (WCAG AA asks 4.5:1 for this small text).
const STATE_COLORS: Record<ServiceState, { bg: string; fg: string }> = {
  running: { bg: '#e6f4ea', fg: '#1b5e20' },
  error: { bg: '#fdecea', fg: '#b71c1c' },
  deploying: { bg: '#e3f2fd', fg: '#0d47a1' },
  upgrading: { bg: '#e3f2fd', fg: '#0d47a1' },
  rolling_back: { bg: '#fff4e5', fg: '#8a4b00' },
  restoring: { bg: '#fff4e5', fg: '#8a4b00' },
  pending: { bg: '#eceff1', fg: '#37474f' },
  deleting: { bg: '#eceff1', fg: '#37474f' },
};

/** Text that reports something broken, on a light surface (the error badge's red, 5.7:1 or more). */
export const ERROR_TEXT_COLOR = STATE_COLORS.error.fg;

// One static class per state: JSS function values would re-generate styles
// on every render of every badge on a dashboard.
const useStyles = makeStyles(
  Object.fromEntries(
    Object.entries(STATE_COLORS).flatMap(([state, c]) => [
      [state, { backgroundColor: c.bg, color: c.fg, fontWeight: 600 }],
      [`${state}Spinner`, { color: c.fg, marginLeft: 8 }],
    ]),
  ),
);

export interface StatusBadgeProps {
  state: ServiceState;
  size?: 'small' | 'medium';
}

/** A service's state as a colored label; transitional states spin. */
export function StatusBadge(props: StatusBadgeProps) {
  const { state, size = 'small' } = props;
  const classes = useStyles();
  const label = STATE_LABELS[state];
  return (
    <Chip
      size={size}
      className={classes[state]}
      role="status"
      aria-label={`Status: ${label}`}
      data-state={state}
      label={label}
      icon={
        TRANSITIONAL_STATES.has(state) ? (
          <CircularProgress
            size={12}
            thickness={6}
            className={classes[`${state}Spinner`]}
            aria-hidden
          />
        ) : undefined
      }
    />
  );
}
