import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { ResponseError } from '@backstage/errors';
import { RequestTimeoutError } from '../../api';

function errorTitle(error: Error, what: string): string {
  if (ResponseError.is(error) && error.statusCode === 404) {
    return `The ${what} was not found, or you are not a member of its workspace`;
  }
  if (error instanceof RequestTimeoutError)
    return `Loading the ${what} timed out`;
  return `Could not load the ${what}`;
}

/**
 * The loading and failure states every page shows before it has data.
 * Renders nothing once there is something to show.
 */
export function LoadingOrError(props: {
  loading: boolean;
  error?: Error;
  /** What was being loaded, for the error title. */
  what: string;
}) {
  if (props.loading) return <Progress />;
  if (props.error) {
    return (
      <ResponseErrorPanel
        title={errorTitle(props.error, props.what)}
        error={props.error}
      />
    );
  }
  return null;
}
