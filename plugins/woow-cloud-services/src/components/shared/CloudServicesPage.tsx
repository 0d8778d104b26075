import { ReactNode } from 'react';
import { Content, Header, Page } from '@backstage/core-components';

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
  return (
    <Page themeId="tool">
      <Header
        title={props.title}
        subtitle={props.subtitle}
        type={props.type ?? 'Cloud Services'}
        typeLink={props.typeLink}
      >
        {props.headerContent}
      </Header>
      <Content>{props.children}</Content>
    </Page>
  );
}
