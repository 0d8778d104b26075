import fs from 'node:fs';
import {
  OPENAPI_GENERATED_TS,
  OPENAPI_YAML,
  renderGeneratedTs,
  renderOpenApiYaml,
} from '../../scripts/openapiDocument';

// The document is generated from the zod schemas: fail when someone changed
// a schema (or the paths) without regenerating.
describe('openapi document', () => {
  const onDisk = fs.readFileSync(OPENAPI_YAML, 'utf8');

  it('has components.schemas generated from the current zod schemas', () => {
    expect(renderOpenApiYaml(onDisk)).toBe(onDisk); // else: npm run generate:openapi
  });

  it('has an up-to-date openapi.generated.ts', () => {
    expect(fs.readFileSync(OPENAPI_GENERATED_TS, 'utf8')).toBe(
      renderGeneratedTs(onDisk),
    );
  });
});
