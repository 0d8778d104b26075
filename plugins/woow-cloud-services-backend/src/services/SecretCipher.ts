import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  randomBytes,
} from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const FORMAT = 'v1';

/**
 * Fixed key for local development only, so that a dev database survives a
 * restart. Used only when the config asks for it
 * (`woowCloudServices.secrets.useDevelopmentKey: true`, as the embedded
 * app-config.yaml does) or in Jest runs (NODE_ENV=test, set by Jest itself);
 * never because NODE_ENV happens to be unset.
 */
const DEV_KEY = createHash('sha256')
  .update('woow-cloud-services insecure development key')
  .digest();

/**
 * Why this config cannot encrypt secrets (undefined: it can): no
 * `woowCloudServices.secrets.encryptionKey`, and the public development key
 * neither asked for (`useDevelopmentKey: true`, or a Jest run) nor allowed
 * (never with NODE_ENV=production). The backend's startup check and the
 * cipher both ask this.
 */
export function encryptionKeyProblem(config: Config): string | undefined {
  if (config.getOptionalString('woowCloudServices.secrets.encryptionKey')) {
    return undefined;
  }
  const devKeyAsked =
    config.getOptionalBoolean('woowCloudServices.secrets.useDevelopmentKey') ===
      true || process.env.NODE_ENV === 'test';
  if (devKeyAsked && process.env.NODE_ENV !== 'production') return undefined;
  return (
    'Missing config woowCloudServices.secrets.encryptionKey (WOOW_ENCRYPTION_KEY in app-config.production.yaml): ' +
    '32 random bytes, base64 (openssl rand -base64 32). For a local sandbox only, ' +
    'woowCloudServices.secrets.useDevelopmentKey: true uses a public development key instead (never with NODE_ENV=production).'
  );
}

function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

function parseKey(value: string, where: string): Buffer {
  const key = Buffer.from(value.trim(), 'base64');
  if (key.length !== 32) {
    throw new Error(
      `${where} must be 32 random bytes in base64 (e.g. \`openssl rand -base64 32\`); got ${key.length} bytes`,
    );
  }
  return key;
}

/**
 * AES-256-GCM encryption of secret values at rest.
 *
 * Envelope: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts). The key
 * id lets old envelopes be decrypted with a previous key after a rotation;
 * `context` (the service id) is bound as additional authenticated data so an
 * envelope copied to another row does not decrypt.
 */
export class SecretCipher {
  private readonly keys: Map<string, Buffer>;
  private readonly currentId: string;

  constructor(private readonly current: Buffer, previous: Buffer[] = []) {
    this.currentId = keyId(current);
    this.keys = new Map([[this.currentId, current]]);
    for (const key of previous) this.keys.set(keyId(key), key);
  }

  static fromConfig(config: Config, logger: LoggerService): SecretCipher {
    const configured = config.getOptionalString(
      'woowCloudServices.secrets.encryptionKey',
    );
    const previous = (
      config.getOptionalStringArray('woowCloudServices.secrets.previousKeys') ??
      []
    ).map((k, i) =>
      parseKey(k, `woowCloudServices.secrets.previousKeys[${i}]`),
    );
    if (configured) {
      return new SecretCipher(
        parseKey(configured, 'woowCloudServices.secrets.encryptionKey'),
        previous,
      );
    }
    const problem = encryptionKeyProblem(config);
    if (problem) throw new Error(problem);
    logger.warn(
      '!!! woowCloudServices.secrets.encryptionKey is not set: service passwords are encrypted with a ' +
        'PUBLIC DEVELOPMENT KEY. Set a real key (openssl rand -base64 32) before storing anything of value. !!!',
    );
    return new SecretCipher(DEV_KEY, previous);
  }

  encrypt(plaintext: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv(ALGORITHM, this.current, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([
      cipher.update(plaintext, 'utf8'),
      cipher.final(),
    ]);
    return [
      FORMAT,
      this.currentId,
      iv.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
      ciphertext.toString('base64url'),
    ].join('.');
  }

  decrypt(envelope: string, context: string): string {
    const [format, id, iv, tag, ciphertext] = envelope.split('.');
    if (format !== FORMAT || ciphertext === undefined) {
      throw new Error('Not an encrypted value of a known format');
    }
    const key = this.keys.get(id);
    if (!key) {
      throw new Error(
        `Encrypted with key ${id}, which is neither the current key nor one of woowCloudServices.secrets.previousKeys`,
      );
    }
    const decipher = createDecipheriv(
      ALGORITHM,
      key,
      Buffer.from(iv, 'base64url'),
    );
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([
      decipher.update(Buffer.from(ciphertext, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  }

  /** True when the envelope was made with another key than the current one. */
  needsReencryption(envelope: string): boolean {
    return envelope.split('.')[1] !== this.currentId;
  }

  encryptJson(value: Record<string, unknown>, context: string): string {
    return this.encrypt(JSON.stringify(value), context);
  }

  decryptJson<T>(envelope: string, context: string): T {
    return JSON.parse(this.decrypt(envelope, context)) as T;
  }
}
