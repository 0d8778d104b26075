import {
  allSpecs,
  DEFAULT_NAMESPACE_PREFIX,
  namespaceFor,
  validateUserValues,
  type FieldError,
  type HelmReleaseStatus,
  type MatchedTemplate,
  type ReleaseSummary,
  type ServiceState,
  type UnmanagedRelease,
  type UserValues,
  type ValueSpecs,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { valueFieldErrors } from '../values';

// Pure rules of adopting releases: what counts as known, which template
// matches, what a release's values become. Tested in unmanagedReleases.test.ts.

/** The part of a template these rules read. */
export interface TemplateChart {
  id: string;
  slug: string;
  name: string;
  isActive: boolean;
  helmChart: { chartName: string };
}

/** `namespace/releaseName`, the identity of a release. */
export function releaseKey(namespace: string, releaseName: string): string {
  return `${namespace}/${releaseName}`;
}

/** `paas-ws-{workspaceId}` -> workspaceId ('' when the prefix is missing). */
export function workspaceIdOf(
  namespace: string,
  prefix: string = DEFAULT_NAMESPACE_PREFIX,
): string {
  return namespace.startsWith(prefix) ? namespace.slice(prefix.length) : '';
}

/** The reference ID in `{namespace}-{referenceId}`; null when not so named. */
export function referenceIdOf(
  namespace: string,
  releaseName: string,
): string | null {
  const prefix = `${namespace}-`;
  return releaseName.startsWith(prefix) && releaseName.length > prefix.length
    ? releaseName.slice(prefix.length)
    : null;
}

/** The active template deploying this chart (the first by slug when several do); null when none. */
export function matchTemplate(
  chart: string,
  templates: readonly TemplateChart[],
): MatchedTemplate | null {
  const match = templates
    .filter(t => t.isActive && t.helmChart.chartName === chart)
    .sort((a, b) => a.slug.localeCompare(b.slug))[0];
  return match ? { id: match.id, slug: match.slug, name: match.name } : null;
}

const BUSY: ReadonlySet<HelmReleaseStatus> = new Set([
  'pending-install',
  'pending-upgrade',
  'pending-rollback',
  'uninstalling',
  'uninstalled',
]);

/** Why a release cannot be adopted as it is; undefined when it can. */
export function adoptionBlocker(
  release: Pick<ReleaseSummary, 'namespace' | 'releaseName' | 'status'>,
  workspaceExists: boolean,
): string | undefined {
  if (!referenceIdOf(release.namespace, release.releaseName)) {
    return `the release is not named "${release.namespace}-<referenceId>", the only names the operator manages`;
  }
  if (!workspaceExists) {
    return `workspace "${workspaceIdOf(
      release.namespace,
    )}" does not exist in the portal; create it first`;
  }
  if (BUSY.has(release.status)) {
    return `the release is ${release.status}; adopt it once helm is done with it`;
  }
  return undefined;
}

/**
 * The operator's releases minus those a service record knows (same
 * namespace and release name), each with its matched template and whether
 * it can be adopted.
 */
export function unmanagedReleases(
  releases: readonly ReleaseSummary[],
  known: ReadonlySet<string>,
  templates: readonly TemplateChart[],
  workspaces: ReadonlySet<string>,
): UnmanagedRelease[] {
  return releases
    .filter(r => !known.has(releaseKey(r.namespace, r.releaseName)))
    .map(r => {
      const workspaceId = workspaceIdOf(r.namespace);
      const workspaceExists = workspaces.has(workspaceId);
      const reason = adoptionBlocker(r, workspaceExists);
      return {
        ...r,
        workspaceId,
        workspaceExists,
        template: matchTemplate(r.chart, templates),
        referenceId: referenceIdOf(r.namespace, r.releaseName),
        adoptable: !reason,
        ...(reason && { reason }),
      };
    });
}

/** The state a service adopted with this helm status starts in. */
export function stateForHelmStatus(status: HelmReleaseStatus): ServiceState {
  return status === 'deployed' ? 'running' : 'error';
}

type Tree = Record<string, unknown>;

const isTree = (v: unknown): v is Tree =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Same idea as the operator's: key names that hold credentials. */
const SECRET_KEY =
  /pass(word|wd|phrase)?|secret|token|api[-_]?key|private[-_]?key|credential|auth[-_]?key|cert(ificate)?[-_]?key/i;

function secretLeaves(tree: Tree, path: string[] = []): string[] {
  return Object.entries(tree).flatMap(([key, value]) => {
    const here = [...path, key];
    if (isTree(value)) return secretLeaves(value, here);
    return SECRET_KEY.test(key) && value !== '' && value !== null
      ? [here.join('.')]
      : [];
  });
}

/** Removes `path` from a tree, and parents left empty by it. */
function removePath(tree: Tree, path: string[]): void {
  const [head, ...rest] = path;
  if (!(head in tree)) return;
  if (rest.length === 0) {
    delete tree[head];
    return;
  }
  const child = tree[head];
  if (!isTree(child)) return;
  removePath(child, rest);
  if (Object.keys(child).length === 0) delete tree[head];
}

function getPath(tree: Tree, path: string[]): unknown {
  let node: unknown = tree;
  for (const part of path) {
    if (!isTree(node) || !Object.prototype.hasOwnProperty.call(node, part))
      return undefined;
    node = node[part];
  }
  return node;
}

export interface AdoptedValues {
  /** Values of the template's value specs (dotted keys), as the release has them. */
  userValues: UserValues;
  /**
   * The release's other user values: kept as the service's default values,
   * so the next upgrade sends the release what it ran with.
   */
  otherValues: Tree;
  /** Undeclared values whose key names a credential: they would be stored in clear. */
  undeclaredSecrets: string[];
}

/**
 * Splits a release's user values (helm get values) by the template's value
 * specs. Scalar values at a spec's key become the service's user values;
 * everything else stays, as it is, in the service's default values.
 */
export function adoptedValues(
  specs: ValueSpecs,
  releaseValues: Tree,
): AdoptedValues {
  const otherValues = structuredClone(releaseValues);
  const userValues: UserValues = {};
  for (const spec of allSpecs(specs)) {
    const path = spec.key.split('.');
    const value = getPath(releaseValues, path);
    if (
      typeof value === 'string' ||
      typeof value === 'number' ||
      typeof value === 'boolean'
    ) {
      userValues[spec.key] = value;
      removePath(otherValues, path);
    }
  }
  return {
    userValues,
    otherValues,
    undeclaredSecrets: secretLeaves(otherValues),
  };
}

/** The naming rules of an adoption request: the namespace's workspace, a release named `{namespace}-{referenceId}`. */
export function adoptionNameProblems(request: {
  namespace: string;
  releaseName: string;
  workspaceId: string;
}): FieldError[] {
  const { namespace, releaseName, workspaceId } = request;
  const errors: FieldError[] = [];
  if (namespace !== namespaceFor(workspaceId)) {
    errors.push({
      field: 'workspaceId',
      message: `must be the workspace of namespace "${namespace}" (namespaces are named paas-ws-{workspaceId})`,
    });
  }
  if (!referenceIdOf(namespace, releaseName)) {
    errors.push({
      field: 'releaseName',
      message: `must be named "${namespace}-<referenceId>" (the only names the operator manages)`,
    });
  }
  return errors;
}

/**
 * Adopted values are checked like a user's against the template's specs;
 * undeclared credentials are refused (they would be stored in clear).
 */
export function adoptedValueProblems(
  template: { slug: string; valueSpecs: ValueSpecs },
  adopted: AdoptedValues,
): FieldError[] {
  const errors = valueFieldErrors(
    validateUserValues(template.valueSpecs, adopted.userValues),
  ).map(e => ({
    ...e,
    message: `${e.message} (as the release has it; change the release or choose another template)`,
  }));
  if (adopted.undeclaredSecrets.length) {
    errors.push({
      field: 'templateId',
      message: `template ${
        template.slug
      } does not declare the release's credential values ${adopted.undeclaredSecrets.join(
        ', ',
      )} as password values, so they would be stored in clear; add them to its value specs`,
    });
  }
  return errors;
}
