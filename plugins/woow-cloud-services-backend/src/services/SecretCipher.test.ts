import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { randomBytes } from 'node:crypto';
import { SecretCipher } from './SecretCipher';

const logger = mockServices.logger.mock();

describe('SecretCipher', () => {
  const keyA = randomBytes(32);
  const keyB = randomBytes(32);

  it('round-trips and never contains the plaintext', () => {
    const cipher = new SecretCipher(keyA);
    const envelope = cipher.encrypt('hunter2-secret', 'svc-1');
    expect(envelope).not.toContain('hunter2');
    expect(envelope.startsWith('v1.')).toBe(true);
    expect(cipher.decrypt(envelope, 'svc-1')).toBe('hunter2-secret');
  });

  it('uses a fresh IV each time', () => {
    const cipher = new SecretCipher(keyA);
    expect(cipher.encrypt('x', 'c')).not.toBe(cipher.encrypt('x', 'c'));
  });

  it('refuses an envelope moved to another context or tampered with', () => {
    const cipher = new SecretCipher(keyA);
    const envelope = cipher.encrypt('value', 'svc-1');
    expect(() => cipher.decrypt(envelope, 'svc-2')).toThrow();
    const parts = envelope.split('.');
    parts[4] = Buffer.from('other').toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'), 'svc-1')).toThrow();
  });

  it('decrypts with a previous key after rotation and says it needs re-encryption', () => {
    const old = new SecretCipher(keyA);
    const envelope = old.encrypt('value', 'svc');
    const rotated = new SecretCipher(keyB, [keyA]);
    expect(rotated.decrypt(envelope, 'svc')).toBe('value');
    expect(rotated.needsReencryption(envelope)).toBe(true);
    expect(rotated.needsReencryption(rotated.encrypt('value', 'svc'))).toBe(
      false,
    );
    expect(() => new SecretCipher(keyB).decrypt(envelope, 'svc')).toThrow(
      /previousKeys/,
    );
  });

  it('reads keys from config and rejects keys of the wrong size', () => {
    const config = new ConfigReader({
      woowCloudServices: {
        secrets: {
          encryptionKey: keyB.toString('base64'),
          previousKeys: [keyA.toString('base64')],
        },
      },
    });
    const cipher = SecretCipher.fromConfig(config, logger);
    expect(cipher.decrypt(new SecretCipher(keyA).encrypt('v', 'c'), 'c')).toBe(
      'v',
    );
    expect(() =>
      SecretCipher.fromConfig(
        new ConfigReader({
          woowCloudServices: { secrets: { encryptionKey: 'c2hvcnQ=' } },
        }),
        logger,
      ),
    ).toThrow(/32 random bytes/);
  });

  it('uses the public development key only when asked, never in production', () => {
    const env = process.env.NODE_ENV;
    const asked = new ConfigReader({
      woowCloudServices: { secrets: { useDevelopmentKey: true } },
    });
    try {
      // NODE_ENV unset or development, no key, not asked: refuse to start.
      for (const nodeEnv of [undefined, 'development']) {
        if (nodeEnv) process.env.NODE_ENV = nodeEnv;
        else delete process.env.NODE_ENV;
        expect(() =>
          SecretCipher.fromConfig(new ConfigReader({}), logger),
        ).toThrow(/Missing config woowCloudServices\.secrets\.encryptionKey/);
      }
      // Asked for in config: used, loudly.
      process.env.NODE_ENV = 'development';
      const warn = mockServices.logger.mock();
      const cipher = SecretCipher.fromConfig(asked, warn);
      expect(cipher.decrypt(cipher.encrypt('v', 'c'), 'c')).toBe('v');
      expect(warn.warn).toHaveBeenCalledWith(
        expect.stringMatching(/DEVELOPMENT KEY/),
      );
      // Never in production, even when asked.
      process.env.NODE_ENV = 'production';
      expect(() => SecretCipher.fromConfig(asked, logger)).toThrow(
        /Missing config woowCloudServices\.secrets\.encryptionKey/,
      );
    } finally {
      process.env.NODE_ENV = env;
    }
  });
});
