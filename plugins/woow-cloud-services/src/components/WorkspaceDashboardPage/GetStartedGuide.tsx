import Step from '@material-ui/core/Step';
import StepLabel from '@material-ui/core/StepLabel';
import Stepper from '@material-ui/core/Stepper';
import Typography from '@material-ui/core/Typography';
import RocketIcon from '@material-ui/icons/FlightTakeoff';
import { InfoCard, LinkButton } from '@backstage/core-components';

const STEPS = [
  'Choose a service type',
  'Pick an application from the marketplace',
  'Set a name, subdomain and values, then launch',
];

/** What an empty workspace shows instead of a blank grid (Flow 1). */
export function GetStartedGuide(props: {
  newServiceHref: string;
  canDeploy: boolean;
}) {
  return (
    <InfoCard title="Get Started: Deploy Your First Service">
      <Typography paragraph>
        This workspace has no services yet. Deploying one takes three steps:
      </Typography>
      <Stepper alternativeLabel activeStep={-1}>
        {STEPS.map(step => (
          <Step key={step}>
            <StepLabel>{step}</StepLabel>
          </Step>
        ))}
      </Stepper>
      {props.canDeploy ? (
        <LinkButton
          to={props.newServiceHref}
          variant="contained"
          color="primary"
          startIcon={<RocketIcon />}
        >
          Deploy Your First Service
        </LinkButton>
      ) : (
        <Typography color="textSecondary">
          You have the Viewer role in this workspace. Ask a member, admin or
          owner to deploy a service.
        </Typography>
      )}
    </InfoCard>
  );
}
