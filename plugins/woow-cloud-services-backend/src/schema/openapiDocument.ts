import { resolvePackagePath } from '@backstage/backend-plugin-api';
import fs from 'node:fs';
import { parse as parseYaml } from 'yaml';

/** The OpenAPI document of this plugin's API (src/schema/openapi.yaml). */
export function loadOpenApiDocument(): any {
  const file = resolvePackagePath(
    '@woowtech/backstage-plugin-woow-cloud-services-backend',
    'src/schema/openapi.yaml',
  );
  return parseYaml(fs.readFileSync(file, 'utf8'));
}
