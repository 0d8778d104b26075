import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { WarningPanel } from '@backstage/core-components';
import { ResponseError } from '@backstage/errors';
import { usePaths } from '../../hooks/usePaths';
import { useServiceData } from '../../hooks/useServiceData';
import { errorMessage } from '../../lib/errors';
import { AppIcon } from '../shared/AppIcon';
import { CloudServicesPage } from '../shared/CloudServicesPage';
import { LoadingOrError } from '../shared/LoadingOrError';
import { ServiceActivity } from '../ServiceActivity';
import { ServiceBackups } from '../ServiceBackups';
import { ServiceConfiguration } from '../ServiceConfiguration';
import { ServiceLogs } from '../ServiceLogs';
import { ServiceMetrics } from '../ServiceMetrics';
import { ServiceOverview } from '../ServiceOverview';
import { ServiceStateNotice, StatusBadge } from '../StatusBadge';
import { ServiceActions } from './ServiceActions';

export const SERVICE_TABS = [
  ['overview', 'Overview'],
  ['configuration', 'Configuration'],
  ['metrics', 'Metrics'],
  ['logs', 'Logs'],
  ['backups', 'Backups'],
  ['activity', 'Activity'],
] as const;
type TabId = (typeof SERVICE_TABS)[number][0];

/** F3: one deployed service, with its tabs (the tab is in `?tab=`). */
export function ServiceDetailPage(props: {
  workspaceId: string;
  serviceId: string;
}) {
  const { workspaceId, serviceId } = props;
  const paths = usePaths();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const data = useServiceData(workspaceId, serviceId);
  const service = data.service.value;
  const requested = params.get('tab');
  const tab: TabId = SERVICE_TABS.some(([id]) => id === requested)
    ? (requested as TabId)
    : 'overview';

  if (!service) {
    return (
      <CloudServicesPage
        title="Service"
        type="Back to workspace"
        typeLink={paths.workspace(workspaceId)}
      >
        <LoadingOrError
          loading={data.service.loading}
          error={data.service.error}
          what="service"
        />
      </CloudServicesPage>
    );
  }

  const refreshError = data.service.error;
  const gone =
    service.state === 'deleting' &&
    ResponseError.is(refreshError) &&
    refreshError.statusCode === 404;
  const reload = () => {
    data.service.reload();
  };
  const common = {
    service,
    template: data.template.value,
    baseDomain: data.baseDomain,
    cnameTarget: data.cnameTarget,
    canDeploy: data.capabilities.canDeploy,
    canRevealCredentials: data.capabilities.canRevealCredentials,
    onChanged: reload,
  };

  return (
    <CloudServicesPage
      title={service.name}
      subtitle={
        <Box
          display="flex"
          alignItems="center"
          style={{ gap: 8 }}
          component="span"
        >
          <AppIcon
            name={service.name}
            iconUrl={data.template.value?.iconUrl}
            size={24}
          />
          {data.template.value?.name ?? service.templateSlug} · Deployment{' '}
          {service.deploymentId}
        </Box>
      }
      type="Back to workspace"
      typeLink={paths.workspace(workspaceId)}
      headerContent={<StatusBadge state={service.state} size="medium" />}
    >
      {gone ? (
        <WarningPanel
          severity="info"
          title="This service has been deleted"
          message="Its Helm release and Ingress are gone. Go back to the workspace to see the remaining services."
        />
      ) : (
        <>
          <ServiceActions
            service={service}
            capabilities={data.capabilities}
            onChanged={reload}
            onDeleted={() => navigate(paths.workspace(workspaceId))}
          />
          <ServiceStateNotice service={service} />
          {refreshError && (
            <WarningPanel
              severity="warning"
              title="Could not refresh the service; showing the last known state"
              message={errorMessage(refreshError)}
            />
          )}
          <Tabs
            value={tab}
            onChange={(_e, value: TabId) =>
              setParams({ tab: value }, { replace: true })
            }
            indicatorColor="primary"
            aria-label="Service sections"
            variant="scrollable"
          >
            {SERVICE_TABS.map(([id, label]) => (
              <Tab
                key={id}
                value={id}
                label={label}
                id={`service-tab-${id}`}
                aria-controls={`service-tabpanel-${id}`}
              />
            ))}
          </Tabs>
          <Box
            role="tabpanel"
            id={`service-tabpanel-${tab}`}
            aria-labelledby={`service-tab-${tab}`}
            pt={2}
          >
            {tab === 'overview' && <ServiceOverview {...common} />}
            {tab === 'configuration' && <ServiceConfiguration {...common} />}
            {tab === 'metrics' && <ServiceMetrics service={service} />}
            {tab === 'logs' && <ServiceLogs service={service} />}
            {tab === 'backups' && (
              <ServiceBackups
                service={service}
                canManage={data.capabilities.canManageBackups}
                baseDomain={data.baseDomain}
                onChanged={reload}
              />
            )}
            {tab === 'activity' && <ServiceActivity service={service} />}
          </Box>
        </>
      )}
    </CloudServicesPage>
  );
}
