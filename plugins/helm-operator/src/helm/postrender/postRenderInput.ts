import {
  Document,
  isCollection,
  isMap,
  isScalar,
  parseAllDocuments,
  YAMLMap,
} from 'yaml';
import { RenderedRelease } from '../ManifestPolicy';

/** The annotation helm 4 adds to each document it gives a post-renderer. */
const FILENAME_ANNOTATION = 'postrenderer.helm.sh/postrender-filename';
/** What makes a document a hook for helm (any value). */
const HOOK_ANNOTATION = 'helm.sh/hook';

const ANNOTATIONS = ['metadata', 'annotations'];

type Range = [number, number, number];

/** A parsed node's [start, value end, node end] in the source text. */
function rangeOf(node: unknown): Range | undefined {
  return (
    (node as { range?: Range | null } | null | undefined)?.range ?? undefined
  );
}

/** The pair of `map` whose key is `key`. */
function pairOf(map: YAMLMap, key: string) {
  return map.items.find(p => isScalar(p.key) && p.key.value === key);
}

/** From the start of the line of `from` to after the line end at or after `to`. */
function wholeLines(text: string, from: number, to: number): [number, number] {
  const start = text.lastIndexOf('\n', from - 1) + 1;
  const newline = text.indexOf('\n', to);
  return [start, newline === -1 ? text.length : newline + 1];
}

/**
 * The source text of one document without helm's filename annotation (and
 * without an `annotations:` left empty by that). Cut from the original text,
 * never re-written: the checks then read exactly what helm applies (YAML 1.1
 * octals such as `defaultMode: 0755` included).
 */
function documentText(doc: Document, stream: string): string {
  // From its contents on: the document's own range starts at its `---`.
  const start = rangeOf(doc.contents)?.[0] ?? 0;
  const end = rangeOf(doc)?.[2] ?? stream.length;
  const annotations = doc.getIn(ANNOTATIONS, true);
  const metadata = doc.get('metadata', true);
  // helm writes block mappings; any other layout keeps the annotation.
  if (!isMap(annotations) || annotations.flow || !isMap(metadata)) {
    return stream.slice(start, end);
  }
  const pair = pairOf(annotations, FILENAME_ANNOTATION);
  const only = annotations.items.length === 1;
  // The pair's lines, or the whole `annotations:` entry when it is alone.
  const from = rangeOf((only ? pairOf(metadata, 'annotations') : pair)?.key);
  const to = rangeOf(only ? annotations : pair?.value);
  if (!pair || !from || !to) return stream.slice(start, end);
  const [cutFrom, cutTo] = wholeLines(stream, from[0], to[1] - 1);
  return stream.slice(start, cutFrom) + stream.slice(cutTo, end);
}

/**
 * A post-renderer's input (helm 4: manifest and hooks in one stream) as the
 * manifest and hooks of a release, as a server-side dry run would give them:
 * documents with the `helm.sh/hook` annotation are hooks, and helm's own
 * filename annotation (removed again after post-rendering) is left out.
 * Throws when the stream is not YAML: what cannot be read is not allowed.
 */
export function renderedFromPostRenderInput(stream: string): RenderedRelease {
  const manifest: string[] = [];
  const hooks: string[] = [];
  for (const doc of parseAllDocuments(stream)) {
    if (doc.errors.length > 0) {
      throw new Error(
        `the rendered manifest is not valid YAML: ${doc.errors[0].message}`,
      );
    }
    if (!isCollection(doc.contents)) continue; // empty: nothing to apply
    const text = documentText(doc, stream);
    const isHook = doc.hasIn([...ANNOTATIONS, HOOK_ANNOTATION]);
    (isHook ? hooks : manifest).push(text.endsWith('\n') ? text : `${text}\n`);
  }
  return {
    manifest: manifest.join('---\n'),
    hooks: hooks.length > 0 ? [hooks.join('---\n')] : [],
  };
}
