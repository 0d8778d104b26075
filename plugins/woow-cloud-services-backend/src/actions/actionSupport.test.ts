import type {
  AuditorService,
  AuditorServiceCreateEventOptions,
} from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import type { UserCredentials } from '../services/AccessControl';
import { auditedAction, requireUser } from './actionSupport';

// The two rules every action shares: it acts for a user only, and a change
// is one audit event naming that user and the action. Through the real MCP
// endpoint: mcpActions.integration.test.ts.

function recordingAuditor() {
  const events: Array<{ status: string; options: object }> = [];
  const auditor: AuditorService = {
    async createEvent(options: AuditorServiceCreateEventOptions) {
      events.push({ status: 'initiated', options });
      return {
        async success(params) {
          events.push({ status: 'succeeded', options: { ...params } });
        },
        async fail(params) {
          events.push({ status: 'failed', options: { ...params } });
        },
      };
    },
  };
  return { auditor, events };
}

describe('requireUser', () => {
  it('passes a user, with the plugin acting for them', () => {
    const credentials = mockCredentials.user('user:default/jane', {
      actor: { subject: 'plugin:mcp-actions' },
    });
    expect(requireUser(credentials)).toBe(credentials);
  });

  it('refuses a service principal, saying a user token is needed', () => {
    expect(() => requireUser(mockCredentials.service('plugin:other'))).toThrow(
      NotAllowedError,
    );
    expect(() => requireUser(mockCredentials.service('plugin:other'))).toThrow(
      /user token/,
    );
  });
});

describe('auditedAction', () => {
  const jane = mockCredentials.user('user:default/jane', {
    actor: { subject: 'plugin:mcp-actions' },
  }) as UserCredentials;
  const spec = {
    eventId: 'service-delete',
    severityLevel: 'high' as const,
    action: 'delete-service',
    credentials: jane,
    meta: { workspaceId: 'ws', serviceId: 's1' },
  };

  it('records initiated, then succeeded with the outcome, naming the user and the action', async () => {
    const { auditor, events } = recordingAuditor();
    const result = await auditedAction(
      auditor,
      spec,
      async () => ({ state: 'deleting' }),
      r => ({ state: r.state }),
    );
    expect(result).toEqual({ state: 'deleting' });
    expect(events).toEqual([
      {
        status: 'initiated',
        options: {
          eventId: 'service-delete',
          severityLevel: 'high',
          meta: {
            workspaceId: 'ws',
            serviceId: 's1',
            actor: 'user:default/jane (via plugin:mcp-actions)',
            via: 'action delete-service',
          },
        },
      },
      { status: 'succeeded', options: { meta: { state: 'deleting' } } },
    ]);
  });

  it('records failed with the error kind and message only, and throws it on', async () => {
    const { auditor, events } = recordingAuditor();
    const error = new ConflictError(
      'The service was changed since you read it',
    );
    await expect(
      auditedAction(
        auditor,
        spec,
        async () => {
          throw error;
        },
        () => ({}),
      ),
    ).rejects.toBe(error);
    expect(events.map(e => e.status)).toEqual(['initiated', 'failed']);
    const recorded = (events[1].options as { error: Error }).error;
    expect(recorded.name).toBe('ConflictError');
    expect(recorded.message).toBe(error.message);
    expect(recorded.stack).toBeUndefined();
  });
});
