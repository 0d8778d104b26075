import {
  allSpecs,
  expandDottedValues,
  findPlan,
  templateDefinitionSchema,
  withSpecDefaults,
  type TemplateDefinition,
  type UserValues,
  type ValueSpec,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/** Every `marketplace/*.yaml`, read through the template schema the backend loads them with. */
export function readMarketplace(marketplaceDir: string): TemplateDefinition[] {
  return fs
    .readdirSync(marketplaceDir)
    .filter(file => file.endsWith('.yaml'))
    .sort()
    .map(file =>
      templateDefinitionSchema.parse(
        parse(fs.readFileSync(path.join(marketplaceDir, file), 'utf8')),
      ),
    );
}

/** The packaged chart of a template in a local Helm repository, if it is there. */
export function chartArchive(
  chartsDir: string,
  app: TemplateDefinition,
): string | undefined {
  const file = path.join(
    chartsDir,
    `${app.helmChart.chartName}-${app.helmChart.chartVersion}.tgz`,
  );
  return fs.existsSync(file) ? file : undefined;
}

/** Every value-spec key of a template, required and optional. */
export function valueSpecKeys(app: TemplateDefinition): string[] {
  return allSpecs(app.valueSpecs).map(spec => spec.key);
}

/** Every value key the template's plans set. */
export function planValueKeys(app: TemplateDefinition): string[] {
  return [
    ...new Set((app.plans ?? []).flatMap(plan => Object.keys(plan.values))),
  ].sort();
}

/**
 * What a user must give at launch and has no default: a password (or a
 * generated secret, which the backend would make) long enough for any
 * pattern of the marketplace, otherwise an e-mail address (the only
 * required free text without a default today).
 */
function launchValue(spec: ValueSpec, secretSeed: string): string {
  return spec.type === 'password'
    ? `Pw-${secretSeed}-`.padEnd(40, '0123456789')
    : 'admin@example.com';
}

/**
 * The values file of a launch as the backend builds it: the template's
 * chart defaults, its default plan's values, the value specs' defaults, the
 * required values a user types in.
 */
export function launchValues(
  app: TemplateDefinition,
  secretSeed: string,
): Record<string, unknown> {
  const given: UserValues = {};
  for (const spec of allSpecs(app.valueSpecs)) {
    const mustGive = spec.required || spec.generate !== undefined;
    if (mustGive && spec.defaultValue === undefined) {
      given[spec.key] = launchValue(spec, secretSeed);
    }
  }
  return expandDottedValues(
    expandDottedValues(
      app.helmChart.defaultValues,
      findPlan(app, undefined)?.values ?? {},
    ),
    withSpecDefaults(app.valueSpecs, given),
  );
}
