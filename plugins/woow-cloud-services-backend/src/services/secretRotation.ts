import type { LoggerService } from '@backstage/backend-plugin-api';
import type { RevisionStore } from '../database/RevisionStore';
import type { ServiceStore } from '../database/ServiceStore';
import type { SecretCipher } from './SecretCipher';

/**
 * Re-encrypts, with the current key, every secret still encrypted with a
 * previous key (services and their revision snapshots). Run at startup:
 * once it logs that nothing is left, the previous key can be removed from
 * config. A row changed concurrently keeps its (new) envelope.
 */
export async function reencryptSecrets(deps: {
  services: ServiceStore;
  revisions: RevisionStore;
  cipher: SecretCipher;
  logger: LoggerService;
}): Promise<number> {
  const { services, revisions, cipher, logger } = deps;
  let count = 0;
  for (const row of await services.listWithSecrets()) {
    if (!cipher.needsReencryption(row.helmSecrets)) continue;
    const plain = cipher.decrypt(row.helmSecrets, row.id);
    if (
      await services.replaceSecrets(
        row.id,
        row.helmSecrets,
        cipher.encrypt(plain, row.id),
      )
    ) {
      count++;
    }
  }
  for (const row of await revisions.listWithSecrets()) {
    if (!cipher.needsReencryption(row.helmSecrets)) continue;
    const plain = cipher.decrypt(row.helmSecrets, row.serviceId);
    await revisions.replaceSecrets(
      row.serviceId,
      row.revision,
      row.helmSecrets,
      cipher.encrypt(plain, row.serviceId),
    );
    count++;
  }
  logger.info(
    count > 0
      ? `Re-encrypted ${count} secret value sets with the current key`
      : 'All secret values are encrypted with the current key; previous keys are no longer needed',
  );
  return count;
}
