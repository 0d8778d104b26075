import {
  hasRoleAtLeast,
  minRoleFor,
  releaseAdoptPermission,
  roleAllows,
  serviceBackupManagePermission,
  serviceCredentialsRevealPermission,
  serviceDeletePermission,
  serviceDeployPermission,
  serviceLogsReadPermission,
  workspaceManageMembersPermission,
  workspaceReadPermission,
} from './permissions';
import { workspaceRoleSchema } from './schemas/workspace';

describe('workspace role thresholds', () => {
  it('orders the roles owner > admin > member > viewer', () => {
    expect(hasRoleAtLeast('owner', 'admin')).toBe(true);
    expect(hasRoleAtLeast('admin', 'admin')).toBe(true);
    expect(hasRoleAtLeast('member', 'admin')).toBe(false);
    expect(hasRoleAtLeast('viewer', 'member')).toBe(false);
    expect(hasRoleAtLeast('viewer', 'viewer')).toBe(true);
  });

  it('gives each workspace permission the roles the spec names', () => {
    const allowed = (permission: { name: string }) =>
      workspaceRoleSchema.options.filter(role => roleAllows(role, permission));
    expect(allowed(workspaceReadPermission)).toEqual([
      'owner',
      'admin',
      'member',
      'viewer',
    ]);
    expect(allowed(serviceDeployPermission)).toEqual([
      'owner',
      'admin',
      'member',
    ]);
    expect(allowed(serviceLogsReadPermission)).toEqual([
      'owner',
      'admin',
      'member',
    ]);
    expect(allowed(serviceDeletePermission)).toEqual(['owner', 'admin']);
    expect(allowed(serviceBackupManagePermission)).toEqual(['owner', 'admin']);
    expect(allowed(serviceCredentialsRevealPermission)).toEqual([
      'owner',
      'admin',
    ]);
    expect(allowed(workspaceManageMembersPermission)).toEqual([
      'owner',
      'admin',
    ]);
  });

  it('needs the owner for a permission outside the table, and treats no role as viewer', () => {
    expect(minRoleFor(releaseAdoptPermission)).toBe('owner');
    expect(roleAllows(undefined, workspaceReadPermission)).toBe(true);
    expect(roleAllows(undefined, serviceDeployPermission)).toBe(false);
  });
});
