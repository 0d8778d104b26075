import { InputError, NotAllowedError } from '@backstage/errors';
import { Fence } from './fence';

describe('Fence', () => {
  const fence = new Fence('paas-ws-');

  it('lets a workspace namespace and its releases through', () => {
    expect(fence.namespace('paas-ws-123')).toBe('paas-ws-123');
    expect(fence.release('paas-ws-123', 'paas-ws-123-anythingllm-01')).toEqual({
      namespace: 'paas-ws-123',
      releaseName: 'paas-ws-123-anythingllm-01',
    });
    expect(fence.workspaceNamespace('123')).toBe('paas-ws-123');
  });

  it.each(['default', 'kube-system', 'paas-system', 'paas-ws', 'xpaas-ws-1'])(
    'refuses namespace %s outside the prefix with 403',
    ns => {
      expect(() => fence.namespace(ns)).toThrow(NotAllowedError);
    },
  );

  it.each([
    'paas-ws-',
    'Paas-ws-1',
    'paas-ws-1_',
    'paas-ws-1.x',
    '',
    'paas-ws-1/..',
    `paas-ws-${'a'.repeat(60)}`,
  ])('refuses the non-DNS namespace %j with 400', ns => {
    expect(() => fence.namespace(ns)).toThrow(InputError);
  });

  it('refuses releases not named <namespace>-<id> with 403', () => {
    expect(() => fence.release('paas-ws-1', 'paas-ws-2-app')).toThrow(
      NotAllowedError,
    );
    expect(() => fence.release('paas-ws-1', 'other-app')).toThrow(
      NotAllowedError,
    );
    expect(() => fence.release('paas-ws-1', 'paas-ws-1')).toThrow(
      NotAllowedError,
    );
    expect(() => fence.release('paas-ws-1', 'paas-ws-10-app')).toThrow(
      NotAllowedError,
    );
  });

  it('refuses release names that are not DNS labels or longer than 53 characters with 400', () => {
    expect(() => fence.release('paas-ws-1', 'paas-ws-1-App')).toThrow(
      InputError,
    );
    expect(() => fence.release('paas-ws-1', 'paas-ws-1-app;id')).toThrow(
      InputError,
    );
    expect(() => fence.release('paas-ws-1', '--set')).toThrow(InputError);
    const long = `paas-ws-1-${'a'.repeat(44)}`; // 54
    expect(() => fence.release('paas-ws-1', long)).toThrow(/at most 53/);
    expect(
      fence.release('paas-ws-1', long.slice(0, 53)).releaseName,
    ).toHaveLength(53);
  });

  it('checks the namespace of a release first', () => {
    expect(() => fence.release('kube-system', 'kube-system-x')).toThrow(
      NotAllowedError,
    );
  });

  it('refuses a workspace id that makes an invalid namespace', () => {
    expect(() => fence.workspaceNamespace('A')).toThrow(InputError);
    expect(() => fence.workspaceNamespace('a'.repeat(60))).toThrow(InputError);
  });

  it('uses the configured prefix', () => {
    const custom = new Fence('tenant-');
    expect(custom.namespace('tenant-7')).toBe('tenant-7');
    expect(() => custom.namespace('paas-ws-7')).toThrow(NotAllowedError);
  });
});
