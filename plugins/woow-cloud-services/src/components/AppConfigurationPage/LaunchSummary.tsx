import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { InfoCard, LinkButton } from '@backstage/core-components';
import type {
  AppTemplate,
  Plan,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { formatMonthlyPrice } from '../../lib/format';
import { planResourcesText } from '../PlanPicker';
import { AppIcon } from '../shared/AppIcon';

/** The right-hand column: what is launched, what it costs, and the buttons. */
export function LaunchSummary(props: {
  template: AppTemplate;
  /** The chosen plan: its resources and price replace the template's. */
  plan?: Plan;
  cancelHref: string;
  canDeploy: boolean;
  submitting: boolean;
}) {
  const { template, plan } = props;
  return (
    <InfoCard title="Summary">
      <Box display="flex" alignItems="center" mb={2}>
        <AppIcon name={template.name} iconUrl={template.iconUrl} size={48} />
        <Box ml={2}>
          <Typography variant="h6" component="p">
            {template.name}
          </Typography>
          <Typography variant="caption" color="textSecondary">
            Chart {template.helmChart.chartName}{' '}
            {template.helmChart.chartVersion}
          </Typography>
        </Box>
      </Box>
      <Typography variant="body2" color="textSecondary">
        {plan
          ? `Plan ${plan.name}: ${planResourcesText(plan)}`
          : `Minimum resources: ${template.minResources.vcpu} vCPU, ${template.minResources.ramGb} GB RAM, ${template.minResources.storageGb} GB storage`}
      </Typography>
      <Box my={2}>
        <Typography variant="overline">Estimated monthly cost</Typography>
        <Typography
          variant="h5"
          component="p"
          aria-label="Estimated monthly cost"
        >
          {formatMonthlyPrice(plan?.monthlyPrice ?? template.monthlyPrice)}
        </Typography>
      </Box>
      <Alert severity="info">
        Initial setup may take up to 5 minutes.{' '}
        {template.ingressEnabled
          ? 'Your instance will be available at your custom subdomain.'
          : 'Its Overview then shows how to connect to it.'}
      </Alert>
      <Box display="flex" justifyContent="flex-end" mt={2} style={{ gap: 8 }}>
        <LinkButton to={props.cancelHref} variant="outlined">
          Cancel
        </LinkButton>
        {props.canDeploy && (
          <Button
            type="submit"
            variant="contained"
            color="primary"
            disabled={props.submitting}
            aria-label="Launch Application"
          >
            {props.submitting ? 'Launching…' : 'Launch Application'}
          </Button>
        )}
      </Box>
    </InfoCard>
  );
}
