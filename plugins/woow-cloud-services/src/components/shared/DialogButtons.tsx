import { ReactNode } from 'react';
import Button from '@material-ui/core/Button';
import DialogActions from '@material-ui/core/DialogActions';

export interface DialogButtonsProps {
  /** The confirming button's label, e.g. "Save". */
  label: string;
  /** What it says while the request runs, e.g. "Saving…". */
  busyLabel: string;
  busy: boolean;
  /** Keeps the confirming button disabled (e.g. until a confirmation is typed). */
  disabled?: boolean;
  /**
   * Called by the confirming button. Without it the button submits the
   * dialog's form (whose onSubmit validates and sends).
   */
  onConfirm?: () => void;
  onCancel: () => void;
  /** Default "Cancel". */
  cancelLabel?: string;
  /** A destructive action (delete, remove) gets the secondary color. */
  destructive?: boolean;
  /** Accessible name of the confirming button when its label is not enough. */
  confirmAriaLabel?: string;
  /** More buttons, placed before Cancel. */
  children?: ReactNode;
}

/**
 * The buttons of every Cloud Services dialog: Cancel, then one confirming
 * button that says what it is doing while the request runs and cannot be
 * pressed twice.
 */
export function DialogButtons(props: DialogButtonsProps) {
  return (
    <DialogActions>
      {props.children}
      <Button onClick={props.onCancel}>{props.cancelLabel ?? 'Cancel'}</Button>
      <Button
        type={props.onConfirm ? 'button' : 'submit'}
        onClick={props.onConfirm}
        color={props.destructive ? 'secondary' : 'primary'}
        variant="contained"
        disabled={props.busy || props.disabled}
        aria-label={props.confirmAriaLabel}
      >
        {props.busy ? props.busyLabel : props.label}
      </Button>
    </DialogActions>
  );
}
