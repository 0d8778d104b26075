// Regenerates src/schema/openapi.yaml (components.schemas) and
// src/schema/openapi.generated.ts from the zod schemas of the common package.
//   npm run generate:openapi   (in plugins/helm-operator)
import fs from 'node:fs';
import {
  OPENAPI_GENERATED_TS,
  OPENAPI_YAML,
  renderGeneratedTs,
  renderOpenApiYaml,
} from './openapiDocument';

const yamlText = renderOpenApiYaml();
fs.writeFileSync(OPENAPI_YAML, yamlText);
fs.writeFileSync(OPENAPI_GENERATED_TS, renderGeneratedTs(yamlText));
console.log(`wrote ${OPENAPI_YAML} and ${OPENAPI_GENERATED_TS}`);
