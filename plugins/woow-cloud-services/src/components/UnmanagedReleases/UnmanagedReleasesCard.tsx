import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { InfoCard, Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import useAsync from 'react-use/esm/useAsync';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  releaseAdoptPermission,
  type AppTemplate,
  type IgnoredRelease,
  type UnmanagedRelease,
  type UnmanagedReleaseListResponse,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { useCloudServicesApi } from '../../hooks/useCloudServicesApi';
import { usePaths } from '../../hooks/usePaths';
import { usePolledResource } from '../../hooks/usePolledResource';
import { errorMessage } from '../../lib/errors';
import { formatTimestamp } from '../../lib/format';
import { LoadingOrError } from '../shared/LoadingOrError';
import { AdoptReleaseDialog } from './AdoptReleaseDialog';

function ReleaseRows(props: {
  items: UnmanagedRelease[];
  onAdopt: (release: UnmanagedRelease) => void;
  onLeave: (release: UnmanagedRelease) => void;
}) {
  return (
    <Table size="small" aria-label="Unmanaged releases">
      <TableHead>
        <TableRow>
          <TableCell>Release</TableCell>
          <TableCell>Workspace</TableCell>
          <TableCell>Chart</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>Updated</TableCell>
          <TableCell>Application</TableCell>
          <TableCell>
            <Typography variant="srOnly">Actions</Typography>
          </TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.items.map(r => (
          <TableRow key={`${r.namespace}/${r.releaseName}`}>
            <TableCell>{r.releaseName}</TableCell>
            <TableCell>{r.workspaceId}</TableCell>
            <TableCell>
              {r.chart} {r.chartVersion}
            </TableCell>
            <TableCell>
              {r.status} (revision {r.revision})
            </TableCell>
            <TableCell>{formatTimestamp(r.updated)}</TableCell>
            <TableCell>
              {r.template?.name ?? 'No matching application'}
            </TableCell>
            <TableCell>
              {r.adoptable ? (
                <Button
                  size="small"
                  variant="outlined"
                  color="primary"
                  onClick={() => props.onAdopt(r)}
                  aria-label={`Adopt ${r.releaseName}`}
                >
                  Adopt
                </Button>
              ) : (
                <Typography variant="caption" color="textSecondary">
                  Cannot adopt: {r.reason}
                </Typography>
              )}{' '}
              <Button
                size="small"
                onClick={() => props.onLeave(r)}
                aria-label={`Leave it alone: ${r.releaseName}`}
              >
                Leave it
              </Button>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function CardBody(props: {
  data: UnmanagedReleaseListResponse;
  onAdopt: (release: UnmanagedRelease) => void;
  onLeave: (release: UnmanagedRelease) => void;
  onShowAgain: (release: IgnoredRelease) => void;
}) {
  const { items, ignored, unreadableNamespaces } = props.data;
  return (
    <>
      {items.length === 0 ? (
        <Typography variant="body2">
          Nothing to adopt: every release in the workspace namespaces belongs to
          a service or was left alone.
        </Typography>
      ) : (
        <ReleaseRows
          items={items}
          onAdopt={props.onAdopt}
          onLeave={props.onLeave}
        />
      )}
      {ignored.length > 0 && (
        <Box mt={2}>
          <Typography variant="subtitle2" component="h3">
            Left alone
          </Typography>
          <ul aria-label="Releases left alone">
            {ignored.map(i => (
              <li key={`${i.namespace}/${i.releaseName}`}>
                <Typography variant="body2" component="span">
                  {i.releaseName} ({i.namespace}), by {i.ignoredBy}
                </Typography>{' '}
                <Button
                  size="small"
                  onClick={() => props.onShowAgain(i)}
                  aria-label={`Show again: ${i.releaseName}`}
                >
                  Show again
                </Button>
              </li>
            ))}
          </ul>
        </Box>
      )}
      {unreadableNamespaces.length > 0 && (
        <Typography variant="caption" color="textSecondary" component="p">
          Not readable:{' '}
          {unreadableNamespaces
            .map(n => `${n.namespace} (${n.reason})`)
            .join('; ')}
        </Typography>
      )}
    </>
  );
}

function UnmanagedReleasesContent() {
  const api = useCloudServicesApi();
  const paths = usePaths();
  const [adopting, setAdopting] = useState<UnmanagedRelease>();
  const [adopted, setAdopted] = useState<{ name: string; href: string }>();
  const releases = usePolledResource(() => api.listUnmanagedReleases(), [api]);
  const templates = usePolledResource(() => api.listTemplates(), [api]);

  const [actionError, setActionError] = useState<string>();
  const setIgnored = async (
    r: { namespace: string; releaseName: string },
    ignored: boolean,
  ) => {
    setActionError(undefined);
    try {
      await api.setReleaseIgnored(
        { namespace: r.namespace, releaseName: r.releaseName },
        ignored,
      );
      await releases.reload();
    } catch (error) {
      setActionError(errorMessage(error));
    }
  };

  const matching = (r: UnmanagedRelease): AppTemplate[] =>
    (templates.value ?? []).filter(t => t.helmChart.chartName === r.chart);

  return (
    <InfoCard
      title="Releases no service knows about"
      subheader="Helm releases in workspace namespaces that were not deployed from here. Adopt one to manage it as a service, or leave it alone (it stays as it is and no longer shows here)."
    >
      {adopted && (
        <Typography variant="body2" role="status" paragraph>
          Adopted as <Link to={adopted.href}>{adopted.name}</Link>.
        </Typography>
      )}
      {actionError && (
        <Typography variant="body2" color="error" role="alert" paragraph>
          {actionError}
        </Typography>
      )}
      {releases.value ? (
        <CardBody
          data={releases.value}
          onAdopt={setAdopting}
          onLeave={r => setIgnored(r, true)}
          onShowAgain={r => setIgnored(r, false)}
        />
      ) : (
        <LoadingOrError
          loading={releases.loading}
          error={releases.error}
          what="unmanaged releases"
        />
      )}
      {adopting && (
        <AdoptReleaseDialog
          release={adopting}
          templates={matching(adopting)}
          onClose={() => setAdopting(undefined)}
          onAdopted={service => {
            setAdopting(undefined);
            setAdopted({
              name: service.name,
              href: paths.service(service.workspaceId, service.id),
            });
            releases.reload();
          }}
        />
      )}
    </InfoCard>
  );
}

/** For platform admins (woow.release.adopt) only; renders nothing for others. */
export function UnmanagedReleasesCard() {
  const permissionApi = useApi(permissionApiRef);
  // Asked once per mount (usePermission's shared cache would keep a stale
  // answer across sign-ins in one page); a failed check shows nothing.
  const decision = useAsync(
    () => permissionApi.authorize({ permission: releaseAdoptPermission }),
    [permissionApi],
  );
  return decision.value?.result === AuthorizeResult.ALLOW ? (
    <UnmanagedReleasesContent />
  ) : null;
}
