import Box from '@material-ui/core/Box';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Typography from '@material-ui/core/Typography';
import { Link } from '@backstage/core-components';
import type { CloudService } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { AppIcon } from '../shared/AppIcon';
import { StatusBadge } from '../StatusBadge';

export interface ServiceCardProps {
  service: CloudService;
  /** The template's icon, when known. */
  iconUrl?: string;
  /** Where the card leads: the service detail page. */
  href: string;
}

/** One deployed service on the workspace dashboard. */
export function ServiceCard(props: ServiceCardProps) {
  const { service } = props;
  return (
    <Card variant="outlined" component="article" aria-label={service.name}>
      <CardContent>
        <Box display="flex" alignItems="center" mb={1}>
          <AppIcon name={service.name} iconUrl={props.iconUrl} />
          <Box ml={2} flexGrow={1} minWidth={0}>
            <Typography variant="h6" component="h2" noWrap>
              <Link to={props.href} aria-label={`Open ${service.name}`}>
                {service.name}
              </Link>
            </Typography>
            <Typography variant="caption" color="textSecondary">
              {service.templateSlug} · {service.deploymentId}
            </Typography>
          </Box>
          <StatusBadge state={service.state} />
        </Box>
        <Typography variant="body2" noWrap>
          {service.publicUrl ? (
            <Link
              to={service.publicUrl}
              target="_blank"
              rel="noopener noreferrer"
            >
              {service.publicUrl}
            </Link>
          ) : (
            <Typography component="span" variant="body2" color="textSecondary">
              No web UI: connect inside the cluster
            </Typography>
          )}
        </Typography>
        {service.state === 'error' && service.errorMessage && (
          <Typography
            variant="body2"
            color="error"
            noWrap
            title={service.errorMessage}
          >
            {service.errorMessage}
          </Typography>
        )}
      </CardContent>
    </Card>
  );
}
