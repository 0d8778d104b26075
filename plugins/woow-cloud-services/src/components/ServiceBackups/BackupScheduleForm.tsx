import { FormEvent, useEffect, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Paper from '@material-ui/core/Paper';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  backupScheduleSchema,
  fieldErrorsFromZod,
  type BackupSchedule,
  type BackupScheduleResponse,
  type FieldError,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { fieldErrorsOf } from '../../lib/errors';
import { formatTimestamp } from '../../lib/format';
import { submitErrorMessage } from '../shared/submitError';
import { FormErrors } from '../shared/FormErrors';

const WEEKDAYS = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
];

interface Draft {
  frequency: 'daily' | 'weekly';
  weekday: number;
  time: string;
  retention: string;
  enabled: boolean;
}

function draftOf(current: BackupScheduleResponse['schedule']): Draft {
  return {
    frequency: current?.frequency ?? 'daily',
    weekday: current?.weekday ?? 0,
    time: current?.time ?? '02:00',
    retention: String(current?.retention ?? 7),
    enabled: current?.enabled ?? true,
  };
}

/**
 * The service's backup schedule: daily or weekly, at a time (UTC), keeping
 * a number of scheduled backups. Read-only for those who may not change it.
 */
export function BackupScheduleForm(props: {
  current: BackupScheduleResponse;
  canManage: boolean;
  onSave(schedule: BackupSchedule): Promise<void>;
}) {
  const { current, canManage } = props;
  const [draft, setDraft] = useState<Draft>(() => draftOf(current.schedule));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  useEffect(() => setDraft(draftOf(current.schedule)), [current.schedule]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft(d => ({ ...d, [key]: value }));
    setSaved(false);
  };
  const errorOf = (field: string) =>
    errors.find(e => e.field === field)?.message;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      frequency: draft.frequency,
      weekday: draft.frequency === 'weekly' ? draft.weekday : null,
      time: draft.time,
      retention: Number(draft.retention),
      enabled: draft.enabled,
    };
    const parsed = backupScheduleSchema.safeParse(body);
    if (!parsed.success) {
      setErrors(fieldErrorsFromZod(parsed.error));
      return;
    }
    setBusy(true);
    setErrors([]);
    setMessage(undefined);
    try {
      await props.onSave(parsed.data);
      setSaved(true);
    } catch (error) {
      setErrors(fieldErrorsOf(error));
      setMessage(submitErrorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const known = new Set(['frequency', 'weekday', 'time', 'retention']);
  return (
    <Paper variant="outlined" style={{ padding: 16, background: '#fff' }}>
      <form
        onSubmit={submit}
        noValidate
        aria-labelledby="backup-schedule-title"
      >
        <Typography variant="h6" component="h2" id="backup-schedule-title">
          Backup schedule
        </Typography>
        <Typography variant="body2">
          {current.nextRunAt
            ? `Next scheduled backup: ${formatTimestamp(current.nextRunAt)}`
            : 'No scheduled backups.'}{' '}
          Times are UTC. The oldest scheduled backups beyond the number kept are
          deleted; manual backups are never deleted by the schedule.
        </Typography>
        <Box display="flex" flexWrap="wrap" style={{ gap: 16 }} mt={2}>
          <TextField
            select
            id="backup-frequency"
            label="Frequency"
            value={draft.frequency}
            disabled={!canManage}
            onChange={e =>
              set('frequency', e.target.value as Draft['frequency'])
            }
            error={Boolean(errorOf('frequency'))}
            helperText={errorOf('frequency')}
            style={{ minWidth: 140 }}
          >
            <MenuItem value="daily">Daily</MenuItem>
            <MenuItem value="weekly">Weekly</MenuItem>
          </TextField>
          {draft.frequency === 'weekly' && (
            <TextField
              select
              id="backup-weekday"
              label="Day"
              value={draft.weekday}
              disabled={!canManage}
              onChange={e => set('weekday', Number(e.target.value))}
              error={Boolean(errorOf('weekday'))}
              helperText={errorOf('weekday')}
              style={{ minWidth: 140 }}
            >
              {WEEKDAYS.map((day, i) => (
                <MenuItem key={day} value={i}>
                  {day}
                </MenuItem>
              ))}
            </TextField>
          )}
          <TextField
            id="backup-time"
            label="Time (UTC)"
            type="time"
            value={draft.time}
            disabled={!canManage}
            onChange={e => set('time', e.target.value)}
            InputLabelProps={{ shrink: true }}
            error={Boolean(errorOf('time'))}
            helperText={errorOf('time')}
          />
          <TextField
            id="backup-retention"
            label="Backups kept"
            type="number"
            value={draft.retention}
            disabled={!canManage}
            onChange={e => set('retention', e.target.value)}
            inputProps={{ min: 1, max: 30 }}
            error={Boolean(errorOf('retention'))}
            // MUI greys a disabled field's helper text below 4.5:1 (axe: color-contrast)
            helperText={
              errorOf('retention') ?? (canManage ? '1 to 30' : undefined)
            }
          />
          <FormControlLabel
            control={
              <Checkbox
                checked={draft.enabled}
                disabled={!canManage}
                onChange={e => set('enabled', e.target.checked)}
                color="primary"
              />
            }
            label="Enabled"
          />
        </Box>
        <FormErrors
          message={message}
          other={errors.filter(e => !known.has(e.field))}
        />
        {canManage ? (
          <Box mt={2} display="flex" alignItems="center" style={{ gap: 12 }}>
            <Button
              type="submit"
              variant="contained"
              color="primary"
              disabled={busy}
            >
              {busy ? 'Saving…' : 'Save schedule'}
            </Button>
            {saved && <Typography role="status">Schedule saved.</Typography>}
          </Box>
        ) : (
          <Typography variant="body2" style={{ marginTop: 8 }}>
            Workspace admins and owners set the schedule.
          </Typography>
        )}
      </form>
    </Paper>
  );
}
