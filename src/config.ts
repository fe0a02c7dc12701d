import { z } from 'zod';

const hex64 = /^[0-9a-fA-F]{64}$/;

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  PUBLIC_URL: z.url().optional(),
  MAIL_FROM: z
    .string()
    .min(3)
    .max(200)
    .regex(/^[^\r\n]+$/, 'must be one line')
    .default('Omadata <no-reply@localhost>'),
  ENCRYPTION_KEY: z.string().regex(hex64, 'must be 64 hexadecimal characters (32 bytes)').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(1024 * 1024),
  OIDC_ISSUER: z
    .url()
    .refine(secureOrLoopback, 'must be an https:// URL (http:// only on a loopback address)')
    .optional(),
  OIDC_CLIENT_ID: z.string().min(1).max(255).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).max(1024).optional(),
  OIDC_HETU_CLAIM: z
    .string()
    .regex(/^[A-Za-z][\w.:-]{0,99}$/, 'must be a claim name such as personal_identity_code')
    .default('personal_identity_code'),
  OIDC_NAME: z
    .string()
    .max(60)
    .regex(/^[^\r\n]+$/, 'must be one line')
    .optional(),
  OPERATOR_NAME: z
    .string()
    .max(300)
    .regex(/^[^\r\n]+$/, 'must be one line')
    .optional(),
  OPERATOR_CONTACT: z
    .string()
    .max(500)
    .regex(/^[^\r\n]+$/, 'must be one line')
    .optional(),
});

/** An identity provider is reached over TLS; plain HTTP only to one on this machine (development, tests). */
function secureOrLoopback(value: string): boolean {
  const url = new URL(value);
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname));
}

export const isLoopback = (hostname: string) =>
  hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);

const OIDC_REQUIRED = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;

/** Strong identification needs the issuer, the client id and its secret together, or none of them. */
function missingOidcSettings(raw: Record<string, string | undefined>): string[] {
  const given = OIDC_REQUIRED.filter((key) => raw[key] !== undefined);
  if (given.length === 0 || given.length === OIDC_REQUIRED.length) return [];
  return OIDC_REQUIRED.filter((key) => raw[key] === undefined).map(
    (key) =>
      `${key}: required when ${given.join(' and ')} ${given.length === 1 ? 'is' : 'are'} set (all of ${OIDC_REQUIRED.join(', ')} or none)`,
  );
}

/** The portal's strong identification (OpenID Connect); null when no identity provider is configured. */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The claim carrying the Finnish personal identity code. */
  hetuClaim: string;
  /** The provider's name on the sign-in button. */
  name: string;
}

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  database: { kind: 'postgres'; url: string; poolSize: number } | { kind: 'pglite'; dataDir: string };
  smtpUrl: string | undefined;
  mailFrom: string;
  publicUrl: string;
  encryptionKey: string | undefined;
  logLevel: string;
  bodyLimit: number;
  oidc: OidcConfig | null;
  /** The platform operator, named as the processor in its records of processing (GDPR 30(2)). */
  operator: { name: string; contact: string | null } | null;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads the environment once, naming every bad value rather than the first. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw = Object.fromEntries(
    Object.keys(envSchema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]),
  );
  const parsed = envSchema.safeParse(raw);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)),
    ...missingOidcSettings(raw),
  ];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && !e.ENCRYPTION_KEY) {
    throw new ConfigError(['ENCRYPTION_KEY: required in production (64 hexadecimal characters)']);
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE }
      : { kind: 'pglite', dataDir: e.DATA_DIR },
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    encryptionKey: e.ENCRYPTION_KEY,
    logLevel: e.LOG_LEVEL,
    bodyLimit: e.BODY_LIMIT,
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
        ? {
            issuer: e.OIDC_ISSUER,
            clientId: e.OIDC_CLIENT_ID,
            clientSecret: e.OIDC_CLIENT_SECRET,
            hetuClaim: e.OIDC_HETU_CLAIM,
            name: e.OIDC_NAME ?? new URL(e.OIDC_ISSUER).hostname,
          }
        : null,
    operator: e.OPERATOR_NAME ? { name: e.OPERATOR_NAME, contact: e.OPERATOR_CONTACT ?? null } : null,
  };
}
