import { NotFoundError } from '@backstage/errors';
import {
  allSpecs,
  secretKeys,
  serviceCredentialsRevealPermission,
  type RevealedCredentials,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { ServiceStore } from '../database/ServiceStore';
import type { TemplateStore } from '../database/TemplateStore';
import type { AccessControl, UserCredentials } from './AccessControl';
import { loadService } from './serviceGuards';
import type { ServiceSecrets } from './serviceSecrets';

/**
 * Reveals a service's credentials to workspace admins and owners
 * (`woow.service.credentials.reveal`): the decrypted values of the value
 * specs its template marks secret, nothing else. The caller audits the
 * reveal; nothing here logs a value.
 */
export class ServiceCredentials {
  constructor(
    private readonly deps: {
      services: ServiceStore;
      templates: Pick<TemplateStore, 'getById'>;
      access: Pick<AccessControl, 'requireWorkspace'>;
      secrets: Pick<ServiceSecrets, 'open'>;
    },
  ) {}

  async reveal(
    credentials: UserCredentials,
    workspaceId: string,
    serviceId: string,
  ): Promise<RevealedCredentials> {
    await this.deps.access.requireWorkspace(
      credentials,
      workspaceId,
      serviceCredentialsRevealPermission,
    );
    const record = await loadService(
      this.deps.services,
      workspaceId,
      serviceId,
    );
    const template = await this.deps.templates.getById(record.templateId);
    if (!template) {
      throw new NotFoundError(`Template ${record.templateId} no longer exists`);
    }
    const secret = new Set(secretKeys(template.valueSpecs));
    const values = this.deps.secrets.open(record);
    const items = allSpecs(template.valueSpecs)
      .filter(spec => secret.has(spec.key) && values[spec.key] !== undefined)
      .map(spec => ({
        key: spec.key,
        label: spec.label,
        value: values[spec.key],
      }));
    return { items };
  }
}
