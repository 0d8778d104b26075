import { useState, type ReactNode } from 'react';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import EditIcon from '@material-ui/icons/Edit';
import useAsync from 'react-use/esm/useAsync';
import { InfoCard, Link } from '@backstage/core-components';
import type {
  AppTemplate,
  CloudService,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { useCloudServicesApi } from '../../hooks/useCloudServicesApi';
import { formatTimestamp } from '../../lib/format';
import { ConnectCard } from '../ConnectCard';
import { servicePlanText } from '../PlanPicker';
import { ContainerResourcesTable } from './ContainerResourcesTable';
import { CustomDomainStatus } from '../CustomDomainStatus';
import { DomainCertificates } from '../DomainCertificates';
import { EditDomainModal } from '../EditDomainModal';
import { DefinitionList } from '../shared/DefinitionList';
import { summarizeReadiness } from './liveStatus';
import { ERROR_TEXT_COLOR } from '../StatusBadge/StatusBadge';
import { LiveTraffic, useOverviewMetrics } from './LiveTraffic';
import { usageText } from './usageText';

export interface ServiceOverviewProps {
  service: CloudService;
  template?: AppTemplate;
  baseDomain?: string;
  cnameTarget?: string;
  canDeploy: boolean;
  /** Workspace admins and owners may reveal the credentials. */
  canRevealCredentials?: boolean;
  /** Something changed (e.g. the custom domain): reload the service. */
  onChanged: () => void;
}

/** Tab 3.1: connection, resources, release, live traffic, environment. */
export function ServiceOverview(props: ServiceOverviewProps) {
  const { service, template, canDeploy } = props;
  const api = useCloudServicesApi();
  const [editingDomain, setEditingDomain] = useState(false);
  const metrics = useOverviewMetrics(service);
  // Live workload status is optional: without it the state alone decides.
  const status = useAsync(
    () => api.getServiceStatus(service.workspaceId, service.id),
    [api, service.workspaceId, service.id, service.state],
  );
  const readiness = summarizeReadiness(service, status.value);
  const { cpu, ram } = usageText(metrics.value, service);

  // Only apps with a web UI have a public URL and may take a custom domain.
  const webRows: Array<[string, ReactNode]> = service.publicUrl
    ? [
        ['Public URL', <DomainCertificates service={service} />],
        [
          'Custom domain',
          <>
            <CustomDomainStatus
              service={service}
              canCheck={canDeploy}
              onChecked={props.onChanged}
            />
            {canDeploy && (
              <Button
                size="small"
                startIcon={<EditIcon />}
                onClick={() => setEditingDomain(true)}
                aria-label="Edit custom domain"
              >
                Edit
              </Button>
            )}
          </>,
        ],
      ]
    : [];

  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={6}>
        <InfoCard title="Connection">
          <DefinitionList
            items={[
              [
                'Status',
                <>
                  <Chip
                    size="small"
                    label={readiness.online ? 'ONLINE' : 'OFFLINE'}
                    style={{
                      backgroundColor: readiness.online ? '#e6f4ea' : '#eceff1',
                      color: readiness.online ? '#1b5e20' : '#37474f',
                      fontWeight: 600,
                    }}
                  />{' '}
                  {readiness.detail && (
                    <Typography variant="caption" color="textSecondary">
                      {readiness.detail}
                    </Typography>
                  )}
                  {readiness.problems.map(problem => (
                    // Not color="error": MUI's red is below 4.5:1 on white
                    // (axe color-contrast).
                    <Typography
                      key={problem}
                      variant="body2"
                      style={{ color: ERROR_TEXT_COLOR }}
                    >
                      {problem}
                    </Typography>
                  ))}
                </>,
              ],
              ...webRows,
              ['Internal port', String(service.internalPort)],
            ]}
          />
        </InfoCard>
      </Grid>
      {template && (
        <Grid item xs={12} md={6}>
          <ConnectCard
            service={service}
            template={template}
            canRevealCredentials={props.canRevealCredentials ?? false}
          />
        </Grid>
      )}
      <Grid item xs={12} md={6}>
        <InfoCard title="Resources">
          <DefinitionList
            items={[
              ['Plan', servicePlanText(service, template)],
              ['CPU usage', cpu],
              ['RAM usage', ram],
              [
                'Allocated',
                `${service.allocatedVcpu} vCPU, ${service.allocatedRamGb} GB RAM, ${service.allocatedStorageGb} GB storage`,
              ],
              ['Helm release', service.helmReleaseName],
              ['Chart version', service.helmChartVersion],
              [
                'Revision',
                // 0 until the first install is recorded.
                service.helmRevision > 0
                  ? String(service.helmRevision)
                  : 'Pending',
              ],
            ]}
          />
          <Typography variant="subtitle2" component="p">
            Requests and limits (running pods)
          </Typography>
          <ContainerResourcesTable pods={status.value?.release?.pods ?? []} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Live Traffic (last hour)">
          <LiveTraffic metrics={metrics} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Environment">
          <DefinitionList
            items={[
              ['Namespace', service.helmNamespace],
              ['Deployed', formatTimestamp(service.deployedAt)],
              ['Last upgraded', formatTimestamp(service.lastUpgradedAt)],
            ]}
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Support">
          {template?.documentationUrl ? (
            <Link
              to={template.documentationUrl}
              target="_blank"
              rel="noopener noreferrer"
            >
              {template.name} documentation
            </Link>
          ) : (
            <Typography color="textSecondary">
              No documentation link for this application.
            </Typography>
          )}
          <Typography variant="body2" color="textSecondary">
            The Activity tab lists every deploy, upgrade and rollback with its
            result.
          </Typography>
        </InfoCard>
      </Grid>
      {editingDomain && (
        <EditDomainModal
          open
          service={service}
          baseDomain={props.baseDomain}
          cnameTarget={props.cnameTarget}
          onClose={() => setEditingDomain(false)}
          onSaved={() => {
            setEditingDomain(false);
            props.onChanged();
          }}
        />
      )}
    </Grid>
  );
}
