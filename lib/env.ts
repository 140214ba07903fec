import { z } from "zod";

/**
 * All configuration, read and validated in one place. Every variable is
 * documented in `.env.example`; a wrong value fails fast with a message that
 * names the variable.
 */

type Source = Record<string, string | undefined>;

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

/** Development-only defaults, refused in production (see `isProduction`). */
const DEMO_AUTH_SECRET = "demo-only-secret-do-not-use-in-production-0123456789";
const DEMO_CLIENT_SECRET = "demo-client-secret";
/**
 * A reserved domain (RFC 2606), so a demo's request goes nowhere rather than
 * to a real support desk; production must name its own (see parseEnv).
 */
const DEMO_SUPPORT_EMAIL = "support@example.org";

const schema = z.object({
  CF_API_URL: httpUrl.default("http://127.0.0.1:9022"),
  UAA_URL: httpUrl.optional(),
  UAA_CLIENT_ID: z.string().min(1, "must not be empty").default("egress-dashboard"),
  UAA_CLIENT_SECRET: z.string().optional(),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters (try: openssl rand -base64 32)").optional(),
  APP_ORIGIN: httpUrl.optional(),
  CF_REQUEST_TIMEOUT_MS: positiveInt(15_000),
  EGRESS_CATALOG_FILE: z.string().min(1, "must not be empty").optional(),
  DYNAMIC_ASGS: flag(true),
  GOV_BANNER: flag(false),
  DATA_DIR: z.string().min(1, "must not be empty").default("./data"),
  DATABASE_URL: postgresUrl.optional(),
  CHANGE_IN_FLIGHT_MS: positiveInt(120_000),
  SUPPORT_EMAIL: z.email({ error: "must be an email address, e.g. support@example.gov" }).optional(),
  PRIVATE_EGRESS_ENABLED: flag(true),
  DEPLOY_ENV: z.string().optional(),
  VCAP_APPLICATION: z.string().optional(),
});

export type Env = {
  cfApiUrl: string;
  /** Overrides the UAA address that is otherwise discovered from `GET <CF_API_URL>/`. */
  uaaUrl: string | undefined;
  uaaClientId: string;
  uaaClientSecret: string;
  authSecret: string;
  appOrigin: string | undefined;
  cfRequestTimeoutMs: number;
  egressCatalogFile: string | undefined;
  dynamicAsgs: boolean;
  govBanner: boolean;
  /** Where the SQLite change history lives when no DATABASE_URL is set. */
  dataDir: string;
  /** A PostgreSQL connection string; when set, the history lives there instead of SQLite. */
  databaseUrl: string | undefined;
  /**
   * How long a change without a recorded outcome counts as in flight; after that the drift check
   * settles it from what CF shows ("outcome unknown" until then). A few CF request timeouts.
   */
  changeInFlightMs: number;
  /** Where users send support requests (the private-egress request, and "how to reach support"). */
  supportEmail: string;
  /** Whether the platform offers private egress; false shows the page without the request form. */
  privateEgressEnabled: boolean;
  /**
   * Production is decided by the deployment, not by NODE_ENV: the demo runs
   * the production build over plain http against the stand-in.
   */
  isProduction: boolean;
};

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Parses a set of variables; throws EnvError naming every bad variable. */
export function parseEnv(source: Source): Env {
  // Empty strings mean "unset", as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? "environment");
        const got = cleaned[name];
        const shown = got === undefined || /SECRET|DATABASE_URL/.test(name) ? "" : ` (got "${got}")`;
        return `${name}: ${issue.message}${shown}`;
      }),
    );
  }
  const raw = result.data;
  const isProduction = raw.VCAP_APPLICATION !== undefined || raw.DEPLOY_ENV === "production";

  const problems: string[] = [];
  if (isProduction && raw.AUTH_SECRET === undefined) {
    problems.push("AUTH_SECRET: is required in production (try: openssl rand -base64 32)");
  }
  if (isProduction && raw.UAA_CLIENT_SECRET === undefined) {
    problems.push("UAA_CLIENT_SECRET: is required in production");
  }
  if (isProduction && raw.UAA_CLIENT_SECRET === DEMO_CLIENT_SECRET) {
    problems.push("UAA_CLIENT_SECRET: the demo secret must not be used in production");
  }
  if (isProduction && raw.SUPPORT_EMAIL === undefined) {
    problems.push("SUPPORT_EMAIL: is required in production (users send support requests to it)");
  }
  if (problems.length > 0) throw new EnvError(problems);

  return {
    cfApiUrl: raw.CF_API_URL,
    uaaUrl: raw.UAA_URL,
    uaaClientId: raw.UAA_CLIENT_ID,
    uaaClientSecret: raw.UAA_CLIENT_SECRET ?? DEMO_CLIENT_SECRET,
    authSecret: raw.AUTH_SECRET ?? DEMO_AUTH_SECRET,
    appOrigin: raw.APP_ORIGIN,
    cfRequestTimeoutMs: raw.CF_REQUEST_TIMEOUT_MS,
    egressCatalogFile: raw.EGRESS_CATALOG_FILE,
    dynamicAsgs: raw.DYNAMIC_ASGS,
    govBanner: raw.GOV_BANNER,
    dataDir: raw.DATA_DIR,
    databaseUrl: raw.DATABASE_URL,
    changeInFlightMs: raw.CHANGE_IN_FLIGHT_MS,
    supportEmail: raw.SUPPORT_EMAIL ?? DEMO_SUPPORT_EMAIL,
    privateEgressEnabled: raw.PRIVATE_EGRESS_ENABLED,
    isProduction,
  };
}

let cached: Env | undefined;

/** The validated configuration of this process, parsed once on first use. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
