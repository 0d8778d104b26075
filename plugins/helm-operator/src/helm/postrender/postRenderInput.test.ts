import { parseAllDocuments } from 'yaml';
import { renderedFromPostRenderInput } from './postRenderInput';

// What helm 4.3 hands its post-renderer for a chart with one object and one
// hook (seen with a real helm run): one stream, each document annotated with
// the template it came from.
const STREAM = `apiVersion: v1
kind: ConfigMap
metadata:
  name: a
  annotations:
    postrenderer.helm.sh/postrender-filename: 'probe/templates/cm.yaml'
data:
  x: "yes"
  mode: 0755
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: hook
  annotations:
    "helm.sh/hook": pre-install
    postrenderer.helm.sh/postrender-filename: 'probe/templates/cm.yaml'
data: {}
`;

describe('renderedFromPostRenderInput', () => {
  it('splits hooks from the manifest and drops only helm’s filename annotation, keeping the text', () => {
    expect(renderedFromPostRenderInput(STREAM)).toEqual({
      manifest: `apiVersion: v1
kind: ConfigMap
metadata:
  name: a
data:
  x: "yes"
  mode: 0755
`,
      hooks: [
        `apiVersion: v1
kind: ConfigMap
metadata:
  name: hook
  annotations:
    "helm.sh/hook": pre-install
data: {}
`,
      ],
    });
  });

  it('keeps every document of a release without hooks, in order', () => {
    const stream = ['a', 'b', 'c']
      .map(
        n =>
          `kind: Secret\nmetadata:\n  annotations:\n    postrenderer.helm.sh/postrender-filename: 'x/templates/${n}.yaml'\n  name: ${n}\n`,
      )
      .join('---\n');
    const { manifest, hooks } = renderedFromPostRenderInput(stream);
    expect(hooks).toEqual([]);
    expect(parseAllDocuments(manifest).map(d => d.toJS())).toEqual(
      ['a', 'b', 'c'].map(name => ({ kind: 'Secret', metadata: { name } })),
    );
  });

  it('refuses a stream that is not YAML', () => {
    expect(() =>
      renderedFromPostRenderInput('kind: [ConfigMap\nmetadata: {'),
    ).toThrow(/not valid YAML/);
  });
});
