import { FormEvent, ReactNode } from 'react';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';

export interface FormDialogProps {
  open: boolean;
  onClose: () => void;
  /** Prefix of the element ids; the title is `${id}-title`. */
  id: string;
  title: ReactNode;
  /** Validates and sends; the browser's own validation is off. */
  onSubmit: (event: FormEvent) => void;
  /** The dialog's buttons, usually a DialogButtons. */
  buttons: ReactNode;
  children: ReactNode;
}

/** A dialog holding one form: the frame every Cloud Services form dialog shares. */
export function FormDialog(props: FormDialogProps) {
  const titleId = `${props.id}-title`;
  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="sm"
    >
      <form onSubmit={props.onSubmit} noValidate>
        <DialogTitle id={titleId}>{props.title}</DialogTitle>
        <DialogContent>{props.children}</DialogContent>
        {props.buttons}
      </form>
    </Dialog>
  );
}
