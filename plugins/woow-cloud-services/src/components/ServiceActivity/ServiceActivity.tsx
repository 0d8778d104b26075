import { useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Paper from '@material-ui/core/Paper';
import TextField from '@material-ui/core/TextField';
import { Table, TableColumn } from '@backstage/core-components';
import {
  serviceEventTypeSchema,
  type CloudService,
  type ServiceEvent,
  type ServiceEventType,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { ServiceEventFilter } from '../../api';
import { useCloudServicesApi } from '../../hooks/useCloudServicesApi';
import { usePolledResource } from '../../hooks/usePolledResource';
import { formatTimestamp } from '../../lib/format';
import { LoadingOrError } from '../shared/LoadingOrError';
import { STATE_LABELS } from '../StatusBadge';

const TYPE_LABELS: Record<ServiceEventType, string> = {
  create: 'Create',
  deploy: 'Deploy',
  upgrade: 'Upgrade',
  rollback: 'Rollback',
  rename: 'Rename',
  domain: 'Domain',
  delete: 'Delete',
  state_change: 'State change',
  error: 'Error',
  backup: 'Backup',
  restore: 'Restore',
};

const RESULT_COLORS: Record<
  ServiceEvent['result'],
  'primary' | 'secondary' | 'default'
> = {
  success: 'primary',
  failure: 'secondary',
  info: 'default',
};

/** `datetime-local` input value (local time) to an ISO timestamp. */
function toIso(local: string): string | undefined {
  if (!local) return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

const columns: TableColumn<ServiceEvent>[] = [
  {
    title: 'Time',
    // The table shares out widths itself; a wrapped date is unreadable.
    render: e => (
      <span style={{ whiteSpace: 'nowrap' }}>
        {formatTimestamp(e.createdAt)}
      </span>
    ),
  },
  { title: 'Type', render: e => TYPE_LABELS[e.type] },
  {
    title: 'Result',
    render: e => (
      <Chip size="small" label={e.result} color={RESULT_COLORS[e.result]} />
    ),
  },
  { title: 'Message', field: 'message' },
  {
    title: 'State',
    render: e =>
      e.fromState || e.toState
        ? `${e.fromState ? STATE_LABELS[e.fromState] : '—'} → ${
            e.toState ? STATE_LABELS[e.toState] : '—'
          }`
        : '',
  },
  { title: 'By', field: 'actor' },
];

/** Tab 3.5: the service's activity history with type, time and text filters. */
export function ServiceActivity(props: { service: CloudService }) {
  const { service } = props;
  const api = useCloudServicesApi();
  const [type, setType] = useState<ServiceEventType | ''>('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [search, setSearch] = useState('');
  const [debouncedSearch, setDebouncedSearch] = useState(search);
  useDebounce(() => setDebouncedSearch(search), 300, [search]);

  const filter: ServiceEventFilter = {
    type: type || undefined,
    from: toIso(from),
    to: toIso(to),
    search: debouncedSearch.trim() || undefined,
  };
  const events = usePolledResource(
    () => api.listEvents(service.workspaceId, service.id, filter),
    // A new version of the service (reloaded when the backend signals a
    // change, or polled) means new events may have been written.
    [
      api,
      service.workspaceId,
      service.id,
      service.version,
      type,
      from,
      to,
      debouncedSearch,
    ],
  );

  return (
    // On a white surface: MUI's grey labels on the page background are
    // below 4.5:1 (axe color-contrast).
    <Paper variant="outlined">
      <Box p={2}>
        <Box display="flex" flexWrap="wrap" mb={2} style={{ gap: 16 }}>
          <TextField
            id="activity-type"
            select
            label="Event type"
            value={type}
            onChange={e => setType(e.target.value as ServiceEventType | '')}
            SelectProps={{ native: true }}
            InputLabelProps={{ shrink: true }}
            style={{ minWidth: 160 }}
          >
            <option value="">All types</option>
            {serviceEventTypeSchema.options.map(t => (
              <option key={t} value={t}>
                {TYPE_LABELS[t]}
              </option>
            ))}
          </TextField>
          <TextField
            id="activity-from"
            type="datetime-local"
            label="From"
            value={from}
            onChange={e => setFrom(e.target.value)}
            InputLabelProps={{ shrink: true }}
          />
          <TextField
            id="activity-to"
            type="datetime-local"
            label="To"
            value={to}
            onChange={e => setTo(e.target.value)}
            InputLabelProps={{ shrink: true }}
          />
          <TextField
            id="activity-search"
            label="Search activity"
            value={search}
            onChange={e => setSearch(e.target.value)}
          />
        </Box>
        {!events.value ? (
          <LoadingOrError
            loading={events.loading}
            error={events.error}
            what="activity"
          />
        ) : (
          <Table<ServiceEvent>
            title="Activity"
            options={{
              paging: true,
              pageSize: 20,
              // A short history should not trail a page of blank rows.
              emptyRowsWhenPaging: false,
              search: false,
              sorting: false,
            }}
            columns={columns}
            data={events.value}
            emptyContent={
              <div style={{ padding: 16 }}>
                No activity matches these filters.
              </div>
            }
          />
        )}
      </Box>
    </Paper>
  );
}
