import Box from '@material-ui/core/Box';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Paper from '@material-ui/core/Paper';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type {
  AppTemplate,
  CloudService,
  Plan,
  WorkspaceQuotaLeft,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { formatMonthlyPrice } from '../../lib/format';
import { planMisfit, quotaLeftText } from './planFit';

const useStyles = makeStyles(theme => ({
  group: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))',
    gap: theme.spacing(2),
  },
  card: { padding: theme.spacing(1, 2) },
  selected: { borderColor: theme.palette.primary.main, borderWidth: 2 },
  label: { width: '100%' },
}));

/** A plan's resources in words: "0.5 vCPU · 1Gi memory · 8Gi storage". */
export function planResourcesText(plan: Plan): string {
  const { cpu, memory, storage } = plan.resources;
  return [
    `${cpu} vCPU`,
    `${memory} memory`,
    storage ? `${storage} storage` : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** A service's plan in words, e.g. "Medium (500m vCPU · 1Gi memory)". */
export function servicePlanText(
  service: Pick<CloudService, 'plan'>,
  template: Pick<AppTemplate, 'plans'> | undefined,
): string {
  const plan = template?.plans?.find(p => p.id === service.plan);
  if (plan) return `${plan.name} (${planResourcesText(plan)})`;
  return service.plan ?? 'None (deployed before plans)';
}

/**
 * The template's plans as cards to choose from (a radio group), each with
 * its resources and price, and what the workspace's quota has left; a plan
 * that does not fit says why.
 */
export function PlanPicker(props: {
  template: Pick<AppTemplate, 'plans' | 'minResources'>;
  value: string | undefined;
  onChange: (planId: string) => void;
  quota: WorkspaceQuotaLeft | null | undefined;
  /** For a plan change: what the service takes now (only the increase must fit). */
  current?: { vcpu: number; ramGb: number; storageGb: number };
  error?: string;
  disabled?: boolean;
}) {
  const classes = useStyles();
  const plans = props.template.plans ?? [];
  return (
    <Box>
      <RadioGroup
        aria-label="Plan"
        name="plan"
        value={props.value ?? ''}
        onChange={e => props.onChange(e.target.value)}
        className={classes.group}
      >
        {plans.map(plan => {
          const misfit = planMisfit(
            props.template,
            plan,
            props.quota,
            props.current,
          );
          return (
            <Paper
              key={plan.id}
              variant="outlined"
              className={`${classes.card} ${
                props.value === plan.id ? classes.selected : ''
              }`}
            >
              <FormControlLabel
                value={plan.id}
                disabled={props.disabled}
                classes={{ label: classes.label }}
                control={<Radio color="primary" />}
                label={
                  <Box py={1}>
                    <Typography variant="subtitle1" component="span">
                      {plan.name}
                    </Typography>
                    <Typography variant="body2" display="block">
                      {planResourcesText(plan)}
                    </Typography>
                    <Typography variant="body2" display="block">
                      {formatMonthlyPrice(plan.monthlyPrice)}
                    </Typography>
                    {plan.description && (
                      <Typography
                        variant="caption"
                        color="textSecondary"
                        display="block"
                      >
                        {plan.description}
                      </Typography>
                    )}
                    {misfit && (
                      <Typography
                        variant="caption"
                        color="error"
                        display="block"
                      >
                        {`${plan.name} ${misfit}`}
                      </Typography>
                    )}
                  </Box>
                }
              />
            </Paper>
          );
        })}
      </RadioGroup>
      <Typography variant="body2" color="textSecondary">
        {quotaLeftText(props.quota)}
      </Typography>
      {props.error && (
        <Typography variant="body2" color="error" role="alert">
          Plan {props.error}
        </Typography>
      )}
    </Box>
  );
}
