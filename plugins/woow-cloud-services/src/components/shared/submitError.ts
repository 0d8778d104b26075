import { errorMessage, isConflict } from '../../lib/errors';

/**
 * What to tell the user when a write fails. A 409 means the service changed
 * since the page read it (optimistic locking): say so, and that reloading
 * shows the current state.
 */
export function submitErrorMessage(error: unknown): string {
  if (isConflict(error)) {
    return `Someone else changed this service in the meantime (${errorMessage(
      error,
    )}). The page now shows its current state; review it and try again.`;
  }
  return errorMessage(error);
}
