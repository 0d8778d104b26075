import { z } from 'zod';

/**
 * Named character sets a generated secret is drawn from. Each is safe in a
 * YAML values file, an environment variable and a URL without quoting.
 */
export const GENERATED_SECRET_ALPHABETS = {
  alphanumeric:
    'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  hex: '0123456789abcdef',
  base64url: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
} as const;

export const generatedSecretAlphabetSchema = z
  .enum(['alphanumeric', 'hex', 'base64url'])
  .describe(
    'Character set: alphanumeric (A-Z, a-z, 0-9), hex (0-9, a-f) or base64url (alphanumeric plus - and _)',
  );
export type GeneratedSecretAlphabet = z.infer<
  typeof generatedSecretAlphabetSchema
>;

/**
 * A value the platform generates once per service at deploy (a CSPRNG draw),
 * stores encrypted and keeps across upgrades: an encryption key, a session
 * signing secret. Only workspace admins and owners see it again, through the
 * credentials reveal.
 */
export const generatedSecretSpecSchema = z
  .object({
    length: z
      .number()
      .int()
      .min(16)
      .max(256)
      .describe('Number of characters (16 to 256)'),
    alphabet: generatedSecretAlphabetSchema.default('alphanumeric'),
    userSettable: z
      .boolean()
      .optional()
      .describe(
        'Whether a user may set the value themselves at launch or change it later (absent: false; a value sent for it is refused with 400). It is never reset or regenerated.',
      ),
  })
  .strict()
  .describe(
    'Generate this value once per service at deploy (cryptographically random), keep it encrypted and unchanged across upgrades, reveal it only to workspace admins',
  );
export type GeneratedSecretSpec = z.infer<typeof generatedSecretSpecSchema>;
