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
 * a dry run): one YAML document each, empty documents skipped.
 */
export function parseManifest(manifest: string): ManifestObject[] {
  const objects: ManifestObject[] = [];
  for (const doc of parseAllDocuments(manifest)) {
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

export function objectsOfKind(objects: ManifestObject[], ...kinds: string[]) {
  return objects.filter(o => kinds.includes(o.kind));
}
