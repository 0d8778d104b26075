import Box from '@material-ui/core/Box';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Chip from '@material-ui/core/Chip';
import IconButton from '@material-ui/core/IconButton';
import Typography from '@material-ui/core/Typography';
import AddIcon from '@material-ui/icons/Add';
import { Link } from '@backstage/core-components';
import {
  TEMPLATE_CATEGORY_LABELS,
  type AppTemplate,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { formatMonthlyPrice } from '../../lib/format';
import { AppIcon } from '../shared/AppIcon';

export interface AppCardProps {
  template: AppTemplate;
  /** The configuration page; without it (viewers) there is no "+" button. */
  configureHref?: string;
}

/** One marketplace application (FR1.3, FR1.4). */
export function AppCard(props: AppCardProps) {
  const { template } = props;
  return (
    <Card
      variant="outlined"
      component="article"
      aria-label={template.name}
      style={{ height: '100%' }}
    >
      <CardContent>
        <Box display="flex" alignItems="flex-start">
          <AppIcon name={template.name} iconUrl={template.iconUrl} size={48} />
          <Box ml={2} flexGrow={1} minWidth={0}>
            <Typography variant="h6" component="h2">
              {template.name}
            </Typography>
            <Typography variant="caption" color="textSecondary">
              {TEMPLATE_CATEGORY_LABELS[template.category]}
            </Typography>
          </Box>
          {props.configureHref && (
            <IconButton
              component={Link}
              to={props.configureHref}
              aria-label={`Configure ${template.name}`}
              color="primary"
            >
              <AddIcon />
            </IconButton>
          )}
        </Box>
        <Typography variant="body2" paragraph style={{ marginTop: 8 }}>
          {template.description}
        </Typography>
        <Box display="flex" flexWrap="wrap" mb={1} style={{ gap: 4 }}>
          {template.tags.map(tag => (
            <Chip key={tag} size="small" label={tag} variant="outlined" />
          ))}
        </Box>
        <Typography variant="subtitle2" aria-label="Monthly price">
          {formatMonthlyPrice(template.monthlyPrice)}
        </Typography>
      </CardContent>
    </Card>
  );
}
