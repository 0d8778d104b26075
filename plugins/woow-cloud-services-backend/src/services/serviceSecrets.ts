import type { UserValues } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { ServiceRecord } from '../database/ServiceStore';
import type { SecretCipher } from './SecretCipher';
import { joinSecrets } from './values';

/** Password values of services, sealed per service (the id is the AAD context). */
export class ServiceSecrets {
  constructor(private readonly cipher: SecretCipher) {}

  seal(serviceId: string, secrets: UserValues): string | null {
    return Object.keys(secrets).length > 0
      ? this.cipher.encryptJson(secrets, serviceId)
      : null;
  }

  open(record: Pick<ServiceRecord, 'id' | 'helmSecrets'>): UserValues {
    return record.helmSecrets
      ? this.cipher.decryptJson<UserValues>(record.helmSecrets, record.id)
      : {};
  }

  /** The service's full user values, secrets included (for helm only). */
  userValues(
    record: Pick<ServiceRecord, 'id' | 'helmSecrets' | 'helmValues'>,
  ): UserValues {
    return joinSecrets(record.helmValues, this.open(record));
  }
}
