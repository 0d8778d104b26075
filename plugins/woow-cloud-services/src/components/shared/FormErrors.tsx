import Alert from '@material-ui/lab/Alert';
import type { FieldError } from '@woowtech/backstage-plugin-woow-cloud-services-common';

/**
 * A failed submit: the server's message, plus any field problems the form
 * could not place next to a field of its own.
 */
export function FormErrors(props: { message?: string; other?: FieldError[] }) {
  const { message, other = [] } = props;
  if (!message && other.length === 0) return null;
  return (
    <Alert severity="error" role="alert">
      {message}
      {other.length > 0 && (
        <ul>
          {other.map(e => (
            <li key={`${e.field}:${e.message}`}>
              {e.field} {e.message}
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}
