import { parseAllDocuments } from 'yaml';

/** A Kubernetes object as helm rendered it. */
export interface ManifestObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: any;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  [key: string]: unknown;
}

/**
 * The objects of a release manifest (`helm get manifest`, or the manifest of
 * a dry run): one YAML document each, empty documents skipped. `yaml11`
 * reads scalars as Kubernetes does (YAML 1.1: `0755` is octal), for objects
 * sent to the API server as they are.
 */
export function parseManifest(
  manifest: string,
  opts: { yaml11?: boolean } = {},
): ManifestObject[] {
  const objects: ManifestObject[] = [];
  const docs = opts.yaml11
    ? parseAllDocuments(manifest, { version: '1.1' })
    : parseAllDocuments(manifest);
  for (const doc of docs) {
    if (doc.errors.length) {
      throw new Error(
        `release manifest is not valid YAML: ${doc.errors[0].message}`,
      );
    }
    const value = doc.toJSON() as ManifestObject | null;
    if (
      value &&
      typeof value === 'object' &&
      value.kind &&
      value.metadata?.name
    ) {
      objects.push(value);
    }
  }
  return objects;
}

export function objectsOfKind(
  objects: readonly ManifestObject[],
  ...kinds: string[]
) {
  return objects.filter(o => kinds.includes(o.kind));
}
