import { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { ServiceData, useServiceData } from '../../hooks/useServiceData';
import { RevisionsTable } from '../Revisions';
import { LoadingOrError } from '../shared/LoadingOrError';
import { ServiceConfiguration } from '../ServiceConfiguration';
import { ServiceLogs } from '../ServiceLogs';
import { ServiceMetrics } from '../ServiceMetrics';
import { ServiceOverview } from '../ServiceOverview';
import { ServiceStateNotice } from '../StatusBadge';
import { SERVICE_ID_ANNOTATION, WORKSPACE_ID_ANNOTATION } from '../../entity';

function ServiceFrame(props: { children: (data: ServiceData) => ReactNode }) {
  const { entity } = useEntity();
  const annotations = entity.metadata.annotations ?? {};
  const serviceId = annotations[SERVICE_ID_ANNOTATION];
  const workspaceId = annotations[WORKSPACE_ID_ANNOTATION];
  if (!serviceId || !workspaceId) {
    return (
      <MissingAnnotationEmptyState
        annotation={[SERVICE_ID_ANNOTATION, WORKSPACE_ID_ANNOTATION].filter(
          a => !annotations[a],
        )}
      />
    );
  }
  return (
    <LoadedService workspaceId={workspaceId} serviceId={serviceId}>
      {props.children}
    </LoadedService>
  );
}

function LoadedService(props: {
  workspaceId: string;
  serviceId: string;
  children: (data: ServiceData) => ReactNode;
}) {
  const data = useServiceData(props.workspaceId, props.serviceId);
  if (!data.service.value) {
    return (
      <LoadingOrError
        loading={data.service.loading}
        error={data.service.error}
        what="service"
      />
    );
  }
  return (
    <Box>
      <Box mb={2}>
        <ServiceStateNotice service={data.service.value} />
      </Box>
      {props.children(data)}
    </Box>
  );
}

function common(data: ServiceData) {
  return {
    service: data.service.value!,
    template: data.template.value,
    baseDomain: data.baseDomain,
    cnameTarget: data.cnameTarget,
    canDeploy: data.capabilities.canDeploy,
    canRevealCredentials: data.capabilities.canRevealCredentials,
    onChanged: () => {
      data.service.reload();
    },
  };
}

/** Entity tab: the service's Overview. */
export function EntityCloudServiceOverviewContent() {
  return (
    <ServiceFrame>{data => <ServiceOverview {...common(data)} />}</ServiceFrame>
  );
}

/** Entity tab: Configuration (rename, domain, Helm values upgrade). */
export function EntityCloudServiceConfigurationContent() {
  return (
    <ServiceFrame>
      {data => <ServiceConfiguration {...common(data)} />}
    </ServiceFrame>
  );
}

/** Entity tab: Metrics. */
export function EntityCloudServiceMetricsContent() {
  return (
    <ServiceFrame>
      {data => <ServiceMetrics service={data.service.value!} />}
    </ServiceFrame>
  );
}

/** Entity tab: Logs (members and up). */
export function EntityCloudServiceLogsContent() {
  return (
    <ServiceFrame>
      {data => <ServiceLogs service={data.service.value!} />}
    </ServiceFrame>
  );
}

/** Entity tab: Helm revisions with rollback. */
export function EntityCloudServiceRevisionsContent() {
  return (
    <ServiceFrame>
      {data => (
        <RevisionsTable
          service={data.service.value!}
          canRollback={data.capabilities.canDeploy}
          onRolledBack={() => {
            data.service.reload();
          }}
        />
      )}
    </ServiceFrame>
  );
}
