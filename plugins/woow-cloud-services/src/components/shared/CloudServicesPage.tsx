import { ReactNode } from 'react';
import { Content, Header, Page } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';

// Backstage's Header styles only a string subtitle; anything else would take
// the body text color (dark on the colored header). Same look as its own.
const useStyles = makeStyles(theme => ({
  subtitle: {
    color: theme.page.fontColor,
    opacity: 0.8,
    display: 'inline-block',
    marginTop: theme.spacing(1),
  },
}));

export interface CloudServicesPageProps {
  title: string;
  subtitle?: ReactNode;
  /** Breadcrumb-like link above the title (e.g. back to the workspace). */
  type?: string;
  typeLink?: string;
  /** Right side of the header: labels and badges. */
  headerContent?: ReactNode;
  children: ReactNode;
}

/** The frame every Cloud Services page shares. */
export function CloudServicesPage(props: CloudServicesPageProps) {
  const classes = useStyles();
  const subtitle =
    props.subtitle && typeof props.subtitle !== 'string' ? (
      <Typography
        variant="subtitle2"
        component="span"
        className={classes.subtitle}
      >
        {props.subtitle}
      </Typography>
    ) : (
      props.subtitle
    );
  return (
    <Page themeId="tool">
      <Header
        title={props.title}
        subtitle={subtitle}
        type={props.type ?? 'Cloud Services'}
        typeLink={props.typeLink}
      >
        {props.headerContent}
      </Header>
      <Content>{props.children}</Content>
    </Page>
  );
}
