import { useEffect, useMemo, useRef, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Switch from '@material-ui/core/Switch';
import Paper from '@material-ui/core/Paper';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { EmptyState, WarningPanel } from '@backstage/core-components';
import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import type { CloudService } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { ServiceLogsClient } from '../../api/serviceLogs';
import {
  MAX_LOG_LINES,
  useLogStream,
  type LogStreamState,
} from '../../hooks/useLogStream';
import { errorMessage } from '../../lib/errors';
import { LoadingOrError } from '../shared/LoadingOrError';

const useStyles = makeStyles(theme => ({
  log: {
    fontFamily: 'monospace',
    fontSize: 12,
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-all',
    margin: 0,
    padding: theme.spacing(1),
    height: 480,
    overflowY: 'auto',
    background: theme.palette.background.default,
    border: `1px solid ${theme.palette.divider}`,
  },
}));

const STATUS_TEXT: Record<LogStreamState, string> = {
  idle: 'Paused',
  connecting: 'Connecting…',
  live: 'Live: new lines appear as they are written',
  reconnecting: 'Reconnecting…',
  ended: 'Paused',
};

function downloadText(text: string, fileName: string) {
  const url = URL.createObjectURL(
    new Blob([text], { type: 'text/plain;charset=utf-8' }),
  );
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/**
 * Tab "Logs": one container's log, live by default (pause keeps what is
 * shown), filtered by a search, downloadable as a .log file. Members and up
 * (logs may print secrets); others see the backend's 403 message.
 */
export function ServiceLogs(props: { service: CloudService }) {
  const { service } = props;
  const classes = useStyles();
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const client = useMemo(
    () => new ServiceLogsClient({ discoveryApi, fetchApi }),
    [discoveryApi, fetchApi],
  );
  const pods = useAsyncRetry(
    () => client.listPods(service.workspaceId, service.id),
    [client, service.workspaceId, service.id],
  );
  const [podName, setPodName] = useState<string>();
  const [containerName, setContainerName] = useState<string>();
  const [live, setLive] = useState(true);
  const [timestamps, setTimestamps] = useState(false);
  const [search, setSearch] = useState('');

  const podList = pods.value?.pods ?? [];
  const pod = podList.find(p => p.name === podName) ?? podList[0];
  const containers = pod?.containers ?? [];
  const container =
    containers.find(c => c.name === containerName) ??
    containers.find(c => !c.init) ??
    containers[0];

  const stream = useLogStream({
    client,
    workspaceId: service.workspaceId,
    serviceId: service.id,
    pod: pod?.name,
    container: container?.name,
    timestamps,
    live,
  });
  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return needle
      ? stream.lines.filter(l => l.toLowerCase().includes(needle))
      : stream.lines;
  }, [stream.lines, search]);

  const logRef = useRef<HTMLPreElement>(null);
  useEffect(() => {
    const el = logRef.current;
    if (el && live) el.scrollTop = el.scrollHeight;
  }, [shown, live]);

  if (!pods.value) {
    return (
      <LoadingOrError loading={pods.loading} error={pods.error} what="pods" />
    );
  }
  if (!pod) {
    return (
      <EmptyState
        missing="data"
        title="No pods yet"
        description="The service has no running containers to read logs from. Pods appear here once it is deployed."
        action={
          <Button variant="outlined" onClick={pods.retry}>
            Check again
          </Button>
        }
      />
    );
  }

  const status = STATUS_TEXT[stream.state];
  let placeholder = 'No log lines yet.';
  if (stream.state === 'connecting') placeholder = '';

  return (
    // On a white surface: MUI's grey labels on the page background are
    // below 4.5:1 (axe color-contrast).
    <Paper variant="outlined">
      <Box p={2}>
        <Box
          display="flex"
          flexWrap="wrap"
          alignItems="center"
          mb={2}
          gridGap={16}
        >
          <TextField
            select
            label="Pod"
            value={pod.name}
            onChange={e => {
              setPodName(e.target.value);
              setContainerName(undefined);
            }}
            SelectProps={{ native: true }}
            variant="outlined"
            size="small"
            id="logs-pod"
          >
            {podList.map(p => (
              <option key={p.name} value={p.name}>
                {p.name} ({p.phase})
              </option>
            ))}
          </TextField>
          <TextField
            select
            label="Container"
            value={container?.name ?? ''}
            onChange={e => setContainerName(e.target.value)}
            SelectProps={{ native: true }}
            variant="outlined"
            size="small"
            id="logs-container"
          >
            {containers.map(c => (
              <option key={c.name} value={c.name}>
                {c.init ? `${c.name} (init)` : c.name}
              </option>
            ))}
          </TextField>
          <TextField
            label="Search log lines"
            type="search"
            value={search}
            onChange={e => setSearch(e.target.value)}
            variant="outlined"
            size="small"
            id="logs-search"
          />
          <FormControlLabel
            control={
              <Switch
                checked={timestamps}
                onChange={e => setTimestamps(e.target.checked)}
                color="primary"
              />
            }
            label="Timestamps"
          />
          <Button
            variant="outlined"
            onClick={() => setLive(l => !l)}
            aria-pressed={live}
          >
            {live ? 'Pause' : 'Follow'}
          </Button>
          <Button
            variant="outlined"
            disabled={!stream.lines.length}
            onClick={() =>
              downloadText(
                `${shown.join('\n')}\n`,
                `${pod.name}-${container?.name ?? 'log'}.log`,
              )
            }
          >
            Download
          </Button>
        </Box>
        {stream.error && (
          <WarningPanel
            severity="error"
            title="Could not read the log"
            message={errorMessage(stream.error)}
          />
        )}
        <Typography variant="body2" color="textSecondary" role="status">
          {status}.{' '}
          {search.trim()
            ? `${shown.length} of ${stream.lines.length} lines match.`
            : `${stream.lines.length} lines (the last ${MAX_LOG_LINES} are kept).`}
        </Typography>
        <pre
          ref={logRef}
          className={classes.log}
          role="log"
          aria-label={`Log of container ${container?.name ?? ''} in pod ${
            pod.name
          }`}
          // A scrollable region must be reachable by keyboard (axe: scrollable-region-focusable).
          // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
          tabIndex={0}
        >
          {shown.length ? shown.join('\n') : placeholder}
        </pre>
      </Box>
    </Paper>
  );
}
