import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ValueSpecs } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { RevisionStore } from '../database/RevisionStore';
import type { ServiceStore } from '../database/ServiceStore';
import type { TemplateStore } from '../database/TemplateStore';
import type { ServiceSecrets } from './serviceSecrets';
import { joinSecrets, splitSecrets, type StoredValues } from './values';

type Sealable = { helmValues: StoredValues; helmSecrets: string | null };

/**
 * The stored values and envelope again with every value the specs mark
 * sensitive inside the envelope, or undefined when nothing is stored in
 * clear that should not be (the row is left alone).
 */
export function sealedValues(
  specs: ValueSpecs,
  secrets: Pick<ServiceSecrets, 'open' | 'seal'>,
  id: string,
  row: Sealable,
): Sealable | undefined {
  const open = secrets.open({ id, helmSecrets: row.helmSecrets });
  const { stored, secrets: sealed } = splitSecrets(
    specs,
    joinSecrets(row.helmValues, open),
  );
  const inClear = Object.keys(stored).some(
    key =>
      typeof stored[key] === 'object' &&
      typeof row.helmValues[key] !== 'object',
  );
  if (!inClear) return undefined;
  return { helmValues: stored, helmSecrets: secrets.seal(id, sealed) };
}

/**
 * Moves into the encrypted envelope every stored value that a template now
 * marks sensitive but that was stored in clear when it was not (rows written
 * before `sensitive` or `generate` existed, or before the template said so):
 * services and their revision snapshots. Run at startup after the marketplace
 * is loaded; a row changed meanwhile is left for its writer, which seals it.
 */
export async function sealSensitiveValues(deps: {
  services: Pick<ServiceStore, 'listStoredValues' | 'replaceStoredValues'>;
  revisions: Pick<RevisionStore, 'listStoredValues' | 'replaceStoredValues'>;
  templates: Pick<TemplateStore, 'getById'>;
  secrets: Pick<ServiceSecrets, 'open' | 'seal'>;
  logger: LoggerService;
}): Promise<number> {
  const { services, revisions, templates, secrets, logger } = deps;
  const specsOf = new Map<string, ValueSpecs | undefined>();
  const serviceRows = await services.listStoredValues();
  const templateOf = new Map(serviceRows.map(r => [r.id, r.templateId]));
  const specsFor = async (serviceId: string) => {
    const templateId = templateOf.get(serviceId);
    if (!templateId) return undefined;
    if (!specsOf.has(templateId)) {
      specsOf.set(
        templateId,
        (await templates.getById(templateId))?.valueSpecs,
      );
    }
    return specsOf.get(templateId);
  };
  let count = 0;
  for (const row of serviceRows) {
    const specs = await specsFor(row.id);
    const sealed = specs && sealedValues(specs, secrets, row.id, row);
    if (
      sealed &&
      (await services.replaceStoredValues(row.id, row.version, sealed))
    ) {
      count++;
    }
  }
  for (const row of await revisions.listStoredValues()) {
    const specs = await specsFor(row.serviceId);
    const sealed = specs && sealedValues(specs, secrets, row.serviceId, row);
    if (sealed) {
      await revisions.replaceStoredValues(row.serviceId, row.revision, sealed);
      count++;
    }
  }
  if (count > 0) {
    logger.info(
      `Encrypted the values templates mark sensitive in ${count} stored value sets (services and revisions) that held them in clear`,
    );
  }
  return count;
}
