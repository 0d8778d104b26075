import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import EditIcon from '@material-ui/icons/Edit';
import { InfoCard } from '@backstage/core-components';
import type {
  AppTemplate,
  CloudService,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { CustomDomainStatus } from '../CustomDomainStatus';
import { EditDomainModal, platformHost } from '../EditDomainModal';
import { DefinitionList } from '../shared/DefinitionList';
import { ChartVersionsCard } from './ChartVersionsCard';
import { GeneralSettingsCard } from './GeneralSettingsCard';
import { HelmValuesCard } from './HelmValuesCard';
import { PlanCard } from './PlanCard';

export interface ServiceConfigurationProps {
  service: CloudService;
  template?: AppTemplate;
  baseDomain?: string;
  cnameTarget?: string;
  canDeploy: boolean;
  onChanged: () => void;
}

/** Tab 3.2: name, network and domain, Helm values (changes run helm upgrade). */
export function ServiceConfiguration(props: ServiceConfigurationProps) {
  const { service, canDeploy } = props;
  const [editingDomain, setEditingDomain] = useState(false);
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={6}>
        <GeneralSettingsCard
          service={service}
          canDeploy={canDeploy}
          onChanged={props.onChanged}
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Network & Domain">
          <DefinitionList
            items={[
              ['Subdomain', platformHost(service, props.baseDomain)],
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
              ['Internal port', String(service.internalPort)],
            ]}
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <HelmValuesCard
          service={service}
          template={props.template}
          canDeploy={canDeploy}
          onChanged={props.onChanged}
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <ChartVersionsCard
          service={service}
          template={props.template}
          canDeploy={canDeploy}
          onChanged={props.onChanged}
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <PlanCard
          service={service}
          template={props.template}
          canDeploy={canDeploy}
          onChanged={props.onChanged}
        />
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
