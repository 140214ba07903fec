import { z } from "zod";

/** The variables and what each must hold: parsed by parseEnv (./index.ts). */

const httpUrl = z
  .url({ protocol: /^https?$/, error: "must be an http(s) URL, e.g. https://api.example.org" })
  .transform((value) => value.replace(/\/+$/, ""));

// A connection string carries a password, so it is checked but never echoed (see parseEnv).
const postgresUrl = z
  .string()
  .regex(
    /^postgres(ql)?:\/\/\S*$/,
    "must be a postgres:// or postgresql:// URL, e.g. postgres://user:password@db.example.org:5432/egress",
  );

const flag = (fallback: boolean) =>
  z
    .enum(["true", "false", "1", "0"], { error: 'must be "true" or "false"' })
    .optional()
    .transform((value) => (value === undefined ? fallback : value === "true" || value === "1"));

const positiveInt = (fallback: number) =>
  z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .positive("must be greater than 0")
    .optional()
    .transform((value) => value ?? fallback);

/** Next.js decrypts server-action arguments with AES-GCM: the key is base64 of 16, 24 or 32 bytes. */
const aesKey = z
  .string()
  .refine(
    (value) =>
      /^[A-Za-z0-9+/]+={0,2}$/.test(value) && [16, 24, 32].includes(Buffer.from(value, "base64").length),
    "must be a base64 AES key of 16, 24 or 32 bytes (try: openssl rand -base64 32)",
  );

/** Development-only defaults, refused in production (see `isProduction`). */
export const DEMO_AUTH_SECRET = "demo-only-secret-do-not-use-in-production-0123456789";
export const DEMO_CLIENT_SECRET = "demo-client-secret";
export const DEFAULT_CF_API_URL = "http://127.0.0.1:9022";
export const DEFAULT_CLIENT_ID = "egress-dashboard";
/**
 * A reserved domain (RFC 2606), so a demo's request goes nowhere rather than
 * to a real support desk; production must name its own (see parseEnv).
 */
export const DEMO_SUPPORT_EMAIL = "support@example.org";
/** The alerts' sender when SMTP_FROM is unset (a reserved domain, as above). */
export const DEMO_ALERT_FROM = "egress-dashboard@example.org";

/** A DNS server as node:dns takes it: an IPv4 address and a port, e.g. 127.0.0.1:9053 (the stand-in's). */
const dnsServer = z
  .string()
  .regex(
    /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}:([1-9]\d{0,3}|[1-5]\d{4}|6[0-4]\d{3}|65[0-4]\d{2}|655[0-2]\d|6553[0-5])$/,
    "must be an IPv4 address and a port, e.g. 127.0.0.1:9053",
  );

/** Alerts' email (nodemailer): smtp:// (STARTTLS when offered) or smtps://, user and password in the URL. */
const smtpUrl = z
  .string()
  .regex(
    /^smtps?:\/\/[^\s/]+(:\d+)?\/?(\?\S*)?$/,
    "must be an smtp:// or smtps:// URL, e.g. smtps://user:password@smtp.example.gov:465",
  );

export const schema = z.object({
  CF_API_URL: httpUrl.optional(),
  UAA_URL: httpUrl.optional(),
  UAA_CLIENT_ID: z.string().min(1, "must not be empty").optional(),
  UAA_CLIENT_SECRET: z.string().optional(),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters (try: openssl rand -base64 32)").optional(),
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: aesKey.optional(),
  APP_ORIGIN: httpUrl.optional(),
  CF_REQUEST_TIMEOUT_MS: positiveInt(15_000),
  EGRESS_CATALOG_FILE: z.string().min(1, "must not be empty").optional(),
  DYNAMIC_ASGS: flag(true),
  GOV_BANNER: flag(false),
  DATA_DIR: z.string().min(1, "must not be empty").default("./data"),
  DATABASE_URL: postgresUrl.optional(),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
      error: "must be one of fatal, error, warn, info, debug, trace, silent",
    })
    .default("info"),
  SHUTDOWN_TIMEOUT_MS: z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(1000, "must be at least 1000")
    .max(9500, "must stay under Cloud Foundry's 10 s between SIGTERM and SIGKILL (at most 9500)")
    .default(8000),
  CHANGE_IN_FLIGHT_MS: positiveInt(120_000),
  SUPPORT_EMAIL: z.email({ error: "must be an email address, e.g. support@example.gov" }).optional(),
  PRIVATE_EGRESS_ENABLED: flag(true),
  DNS_SERVER: dnsServer.optional(),
  SMTP_URL: smtpUrl.optional(),
  SMTP_FROM: z.email({ error: "must be an email address, e.g. egress-dashboard@example.gov" }).optional(),
  ALERT_RETRY_SECONDS: positiveInt(30),
  ALERT_MAX_ATTEMPTS: z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(30, "must be at most 30")
    .default(8),
  DEPLOY_ENV: z.string().optional(),
  VCAP_APPLICATION: z.string().optional(),
  VCAP_SERVICES: z.string().optional(),
});

export type RawEnv = z.infer<typeof schema>;
