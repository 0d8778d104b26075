import { workspaceSignalChannel, workspaceSignalSchema } from './signals';

describe('workspace signals', () => {
  it('names one channel per workspace', () => {
    expect(workspaceSignalChannel('team-a')).toBe(
      'woow-cloud-services:workspace:team-a',
    );
  });

  it('accepts a service change and refuses any extra field', () => {
    const message = {
      type: 'service-changed',
      workspaceId: 'team-a',
      serviceId: 'svc-1',
      state: 'upgrading',
      version: 3,
      helmRevision: 2,
      deleted: false,
    };
    expect(workspaceSignalSchema.parse(message)).toEqual(message);
    const leaky = workspaceSignalSchema.safeParse({
      ...message,
      helmValues: { password: 'x' },
    });
    expect(leaky.success).toBe(false);
  });

  it('refuses an unknown message type', () => {
    expect(
      workspaceSignalSchema.safeParse({ type: 'other', workspaceId: 'team-a' })
        .success,
    ).toBe(false);
  });
});
