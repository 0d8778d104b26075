import {
  dnsLabelSchema,
  releaseNameFor,
  workspaceIdSchema,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import {
  generateReferenceId,
  generateWorkspaceId,
  maxReferenceIdLength,
} from './identifiers';

describe('generateReferenceId', () => {
  it('is the slug plus five random characters', () => {
    const id = generateReferenceId('postgresql', 'team-a');
    expect(id).toMatch(/^postgresql-[a-z0-9]{5}$/);
    expect(generateReferenceId('postgresql', 'team-a')).not.toBe(id);
  });

  it('always fits the 53-character release name, even for the longest ids', () => {
    const workspaceId = 'a'.repeat(20);
    const slug = 'a-very-long-application-slug-of-forty-c';
    for (let i = 0; i < 50; i++) {
      const id = generateReferenceId(slug, workspaceId);
      expect(dnsLabelSchema.safeParse(id).success).toBe(true);
      expect(releaseNameFor(workspaceId, id).length).toBeLessThanOrEqual(53);
      expect(id.length).toBeLessThanOrEqual(maxReferenceIdLength(workspaceId));
    }
  });

  it('never leaves a dangling dash when cutting the slug', () => {
    const id = generateReferenceId('abcdefghijklmnopq-rst', 'b'.repeat(20));
    expect(id).not.toMatch(/--/);
  });
});

describe('generateWorkspaceId', () => {
  it('makes a valid workspace id from any name', () => {
    for (const name of [
      'Team Rocket',
      'Ünïcødé Wörkspace with a long name',
      '!!!',
      '42',
    ]) {
      const id = generateWorkspaceId(name);
      expect(workspaceIdSchema.safeParse(id).success).toBe(true);
    }
    expect(generateWorkspaceId('Team Rocket')).toMatch(
      /^team-rocket-[a-z0-9]{4}$/,
    );
  });
});
