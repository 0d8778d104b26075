import { FormEvent, ReactNode, useState } from 'react';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  serviceNameSchema,
  subdomainSchema,
  type FieldError,
  type ServiceBackup,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { fieldErrorsOf } from '../../lib/errors';
import { formatTimestamp } from '../../lib/format';
import { DialogButtons } from '../shared/DialogButtons';
import { FormDialog } from '../shared/FormDialog';
import { FormErrors } from '../shared/FormErrors';
import { submitErrorMessage } from '../shared/submitError';

/** Runs a dialog's request: busy while it runs, the server's words when it fails. */
function useSubmit(onDone: () => void) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string>();
  const [fields, setFields] = useState<FieldError[]>([]);
  const run = async (call: () => Promise<void>) => {
    setBusy(true);
    setMessage(undefined);
    setFields([]);
    try {
      await call();
      onDone();
    } catch (error) {
      setFields(fieldErrorsOf(error));
      setMessage(submitErrorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  return { busy, message, fields, setFields, run };
}

interface ConfirmProps {
  backup: ServiceBackup;
  serviceName: string;
  onClose(): void;
  onConfirm(): Promise<void>;
}

/** A destructive confirmation about one backup: says what happens, then does it. */
function ConfirmBackupDialog(
  props: Pick<ConfirmProps, 'onClose' | 'onConfirm'> & {
    id: string;
    title: string;
    label: string;
    busyLabel: string;
    children: ReactNode;
  },
) {
  const submit = useSubmit(props.onClose);
  return (
    <FormDialog
      open
      id={props.id}
      title={props.title}
      onClose={props.onClose}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        submit.run(props.onConfirm);
      }}
      buttons={
        <DialogButtons
          label={props.label}
          busyLabel={props.busyLabel}
          busy={submit.busy}
          destructive
          onCancel={props.onClose}
        />
      }
    >
      {props.children}
      <FormErrors message={submit.message} other={submit.fields} />
    </FormDialog>
  );
}

/** Restore over the service: names what is overwritten and that the app stops. */
export function RestoreBackupDialog(props: ConfirmProps) {
  const { backup, serviceName } = props;
  const when = formatTimestamp(backup.createdAt);
  return (
    <ConfirmBackupDialog
      {...props}
      id="restore-backup"
      title={`Restore ${serviceName} from the backup of ${when}?`}
      label="Restore and overwrite"
      busyLabel="Starting the restore…"
    >
      <Typography paragraph>
        This overwrites all data in the volumes of{' '}
        <strong>{serviceName}</strong> ({backup.release}) with the backup of{' '}
        {when}. Everything written since then is lost. The app is stopped while
        the restore runs; the service shows <em>Restoring</em> until it is back.
      </Typography>
      <Typography paragraph>
        To keep the current data, use “Restore as new” instead.
      </Typography>
    </ConfirmBackupDialog>
  );
}

/** Delete one backup (its snapshot is removed from backup storage). */
export function DeleteBackupDialog(props: ConfirmProps) {
  const when = formatTimestamp(props.backup.createdAt);
  return (
    <ConfirmBackupDialog
      {...props}
      id="delete-backup"
      title={`Delete the backup of ${when}?`}
      label="Delete backup"
      busyLabel="Deleting…"
    >
      <Typography paragraph>
        The backup of {props.serviceName} taken {when} is removed from backup
        storage. It cannot be restored afterwards.
      </Typography>
    </ConfirmBackupDialog>
  );
}

/** Restore as a new service: its name (and address, for apps with a web UI). */
export function RestoreAsNewDialog(props: {
  backup: ServiceBackup;
  serviceName: string;
  /** Whether the app has a web UI: then the new service needs a subdomain. */
  webUi: boolean;
  baseDomain?: string;
  onClose(): void;
  onConfirm(request: { name: string; subdomain?: string }): Promise<void>;
}) {
  const submit = useSubmit(props.onClose);
  const [name, setName] = useState(`${props.serviceName} (restored)`);
  const [subdomain, setSubdomain] = useState('');
  const when = formatTimestamp(props.backup.createdAt);
  const errorOf = (field: string) =>
    submit.fields.find(e => e.field === field)?.message;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const problems: FieldError[] = [];
    const parsedName = serviceNameSchema.safeParse(name);
    if (!parsedName.success) {
      problems.push({
        field: 'name',
        message: parsedName.error.issues[0].message,
      });
    }
    if (props.webUi) {
      const parsed = subdomainSchema.safeParse(subdomain);
      if (!parsed.success) {
        problems.push({
          field: 'subdomain',
          message: parsed.error.issues[0].message,
        });
      }
    }
    if (problems.length > 0) {
      submit.setFields(problems);
      return;
    }
    submit.run(() =>
      props.onConfirm({
        name: name.trim(),
        subdomain: props.webUi ? subdomain : undefined,
      }),
    );
  };

  return (
    <FormDialog
      open
      id="restore-as-new"
      title={`Restore the backup of ${when} as a new service`}
      onClose={props.onClose}
      onSubmit={onSubmit}
      buttons={
        <DialogButtons
          label="Deploy and restore"
          busyLabel="Deploying…"
          busy={submit.busy}
          onCancel={props.onClose}
        />
      }
    >
      <Typography paragraph>
        A new service is deployed in this workspace from the same application
        and configuration as {props.serviceName}; once it runs, the backup is
        restored into it. {props.serviceName} is not changed.
      </Typography>
      <TextField
        id="restore-as-new-name"
        label="Name of the new service"
        value={name}
        onChange={e => setName(e.target.value)}
        error={Boolean(errorOf('name'))}
        helperText={errorOf('name')}
        fullWidth
        required
        margin="normal"
      />
      {props.webUi && (
        <TextField
          id="restore-as-new-subdomain"
          label="Subdomain"
          value={subdomain}
          onChange={e => setSubdomain(e.target.value.trim().toLowerCase())}
          error={Boolean(errorOf('subdomain'))}
          helperText={
            errorOf('subdomain') ??
            (props.baseDomain
              ? `The new service answers at ${subdomain || '…'}.${
                  props.baseDomain
                }`
              : undefined)
          }
          fullWidth
          required
          margin="normal"
        />
      )}
      <FormErrors
        message={submit.message}
        other={submit.fields.filter(
          f => f.field !== 'name' && f.field !== 'subdomain',
        )}
      />
    </FormDialog>
  );
}
