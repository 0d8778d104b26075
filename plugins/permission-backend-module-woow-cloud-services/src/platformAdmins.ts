import type { BackstageUserInfo } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { Config } from '@backstage/config';

/** Who the policy treats as platform administrator. */
export interface PlatformAdmins {
  users: string[];
  groups: string[];
}

function normalize(ref: string, defaultKind: string): string {
  return stringifyEntityRef(
    parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' }),
  ).toLocaleLowerCase('en-US');
}

/**
 * `woowCloudServices.platformAdmins.users` and `.groups`. Nothing configured
 * means nobody: code has no default administrator. A malformed ref fails
 * startup rather than being ignored.
 */
export function readPlatformAdmins(config: Config): PlatformAdmins {
  const root = config.getOptionalConfig('woowCloudServices.platformAdmins');
  const read = (key: 'users' | 'groups', kind: string) =>
    (root?.getOptionalStringArray(key) ?? []).map(ref => {
      try {
        return normalize(ref, kind);
      } catch {
        throw new Error(
          `woowCloudServices.platformAdmins.${key} has an invalid entity ref "${ref}"`,
        );
      }
    });
  return { users: read('users', 'user'), groups: read('groups', 'group') };
}

/** Matches a user against the configured refs (entity refs compare case-insensitively). */
export class PlatformAdminMatcher {
  private readonly users: Set<string>;
  private readonly groups: Set<string>;

  constructor(admins: PlatformAdmins) {
    this.users = new Set(admins.users.map(r => normalize(r, 'user')));
    this.groups = new Set(admins.groups.map(r => normalize(r, 'group')));
  }

  /** Whether group membership could matter (else the user info is not needed). */
  get hasGroups(): boolean {
    return this.groups.size > 0;
  }

  isAdminUser(userEntityRef: string): boolean {
    return this.users.has(normalize(userEntityRef, 'user'));
  }

  isAdminByOwnership(info: Pick<BackstageUserInfo, 'ownershipEntityRefs'>) {
    return info.ownershipEntityRefs.some(ref => {
      try {
        const normalized = normalize(ref, 'group');
        return this.groups.has(normalized) || this.users.has(normalized);
      } catch {
        return false;
      }
    });
  }
}
