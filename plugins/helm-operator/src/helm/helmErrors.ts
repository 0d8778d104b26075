import {
  ConflictError,
  CustomErrorBase,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  BadGatewayError,
  GatewayTimeoutError,
  UnprocessableError,
} from '../errors';
import { sanitizeMessage } from '../sanitize';

/** A helm failure of no known kind (500); its message is sanitized. */
export class HelmCommandError extends CustomErrorBase {
  name = 'HelmCommandError' as const;
  readonly statusCode = 500;
}

export interface HelmFailureContext {
  /** e.g. `upgrade` */
  command: string;
  namespace?: string;
  releaseName?: string;
  /** How the chart is named to the user, when the command fetched one. */
  chart?: string;
  /** Values that must not appear in the message. */
  secrets?: readonly string[];
}

const PENDING =
  /another operation \(install\/upgrade\/rollback\) is in progress/i;
const NAME_IN_USE = /cannot re-?use a name that is still in use/i;
const NO_SUCH_REVISION =
  /release has no \d+ version|revision \d+ (was )?not found/i;
const RELEASE_NOT_FOUND =
  /release: not found|release not found|not found: release/i;
const NO_DEPLOYED = /has no deployed releases/i;
const NAMESPACE_NOT_FOUND = /namespaces? "[^"]+" not found/i;
const CLUSTER_UNREACHABLE = /kubernetes cluster unreachable/i;
const CHART_FETCH =
  /failed to fetch|failed to download|not a valid chart repository|could not find protocol handler|no chart version found|no chart name found|chart "[^"]*"( version "[^"]*")? not found|unable to locate chart|looks like "[^"]*" is not a valid|error retrieving|failed to do request|unexpected status|manifest unknown|repository name not known|invalid_reference|not found in .* index|path ".*" not found|failed to authorize|401 Unauthorized|403 Forbidden|404 Not Found/i;
const CHART_HOST_UNREACHABLE =
  /no such host|dial tcp|i\/o timeout|connection refused|connection reset|tls: |x509: |TLS handshake timeout/i;
/**
 * helm looks up every object of a new release before applying anything (a
 * dry run too): as the workspace's deployer, an object outside its namespace
 * or cluster-scoped is refused by the API server right there.
 */
const OUTSIDE_DEPLOYER =
  /could not get information about the resource (\S+) "([^"]+)" in namespace "([^"]*)": .*? is forbidden: User "system:serviceaccount:[^"]+"/;
const REFUSED_BY_CLUSTER =
  /exceeded quota|is forbidden|admission webhook|is invalid|field is immutable/i;
const RENDER_FAILURE =
  /parse error|template: |execution error|unable to build kubernetes objects|error validating|values don't meet the specifications|error converting YAML|chart requires kubeVersion|YAML parse error|unable to parse/i;
const HELM_WAIT_TIMEOUT =
  /timed out waiting for the condition|context deadline exceeded|client rate limiter Wait/i;

function subjectOf(ctx: HelmFailureContext): string {
  return ctx.releaseName
    ? `release "${ctx.releaseName}" in namespace "${ctx.namespace}"`
    : 'helm';
}

/**
 * Turns helm's stderr into an error of the right status with a message a
 * caller may see: which release, what went wrong, what to do; never paths,
 * credentials or the caller's secret values (the full text goes to the log).
 */
export function helmFailureToError(
  stderr: string,
  ctx: HelmFailureContext,
): Error {
  const reason = sanitizeMessage(lastErrorLine(stderr), ctx.secrets);
  const subject = subjectOf(ctx);
  if (PENDING.test(stderr)) {
    return new ConflictError(
      `Another operation (install/upgrade/rollback) is in progress on ${subject}; retry later, or if it was interrupted use POST .../recover`,
    );
  }
  if (NAME_IN_USE.test(stderr)) {
    return new ConflictError(
      `Release "${ctx.releaseName}" already exists in namespace "${ctx.namespace}"`,
    );
  }
  if (NAMESPACE_NOT_FOUND.test(stderr)) {
    return new NotFoundError(
      `Namespace "${ctx.namespace}" does not exist; create it with POST /namespaces`,
    );
  }
  if (NO_SUCH_REVISION.test(stderr)) {
    return new NotFoundError(
      `${capitalize(
        subject,
      )} has no such revision (helm keeps the last helmOperator.historyMax revisions)`,
    );
  }
  if (NO_DEPLOYED.test(stderr)) {
    return new ConflictError(
      `${capitalize(subject)} has no deployed revision to ${
        ctx.command
      }: ${reason}`,
    );
  }
  if (RELEASE_NOT_FOUND.test(stderr)) {
    return new NotFoundError(`${capitalize(subject)} was not found`);
  }
  if (CLUSTER_UNREACHABLE.test(stderr)) {
    return new ServiceUnavailableError(
      `The Kubernetes API server cannot be reached: ${reason}`,
    );
  }
  if (ctx.chart && CHART_FETCH.test(stderr)) {
    return new UnprocessableError(
      `Chart ${ctx.chart} could not be fetched: ${withoutAddresses(reason)}`,
    );
  }
  if (ctx.chart && CHART_HOST_UNREACHABLE.test(stderr)) {
    return new BadGatewayError(
      `Chart ${
        ctx.chart
      } could not be fetched: its repository cannot be reached (${withoutAddresses(
        reason,
      )})`,
    );
  }
  if (HELM_WAIT_TIMEOUT.test(stderr)) {
    return new GatewayTimeoutError(
      `helm ${ctx.command} of ${subject} timed out waiting for its resources: ${reason}. Check GET .../status`,
    );
  }
  const outside = OUTSIDE_DEPLOYER.exec(stderr);
  if (outside) {
    const [, kind, name, namespace] = outside;
    return new NotAllowedError(
      `${capitalize(
        subject,
      )} was refused before anything was applied: ${kind} "${name}" (${
        namespace ? `namespace "${namespace}"` : 'cluster-scoped'
      }) is outside what the workspace's deployer ServiceAccount may manage (refused by the API server)`,
    );
  }
  if (REFUSED_BY_CLUSTER.test(stderr)) {
    return new UnprocessableError(
      `The cluster refused objects of ${subject} (helm ${ctx.command}): ${reason}`,
    );
  }
  if (RENDER_FAILURE.test(stderr)) {
    return new UnprocessableError(
      `${
        ctx.chart ? `Chart ${ctx.chart}` : capitalize(subject)
      } could not be rendered with the given values: ${reason}`,
    );
  }
  return new HelmCommandError(
    `helm ${ctx.command} failed for ${subject}: ${reason}`,
  );
}

/**
 * Network errors name the addresses helm dialled ("dial tcp 10.0.3.7:443",
 * "lookup x on 10.96.0.10:53"): resolved and internal addresses the caller
 * did not send. The chart's own URL is named separately.
 */
function withoutAddresses(text: string): string {
  return text
    .replace(/\[[0-9a-fA-F:.]*:[0-9a-fA-F:.]*\](:\d+)?/g, '<address>')
    .replace(/\b\d{1,3}(\.\d{1,3}){3}(:\d+)?\b/g, '<address>');
}

function capitalize(s: string) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** helm prints warnings first and its error last: keep the `Error:` part. */
function lastErrorLine(stderr: string): string {
  const at = stderr.lastIndexOf('Error: ');
  const text = at >= 0 ? stderr.slice(at) : stderr;
  return text.trim() || 'no error output';
}
