import { z } from "zod";

/**
 * All configuration, read and validated in one place. Every variable is
 * documented in `.env.example`; a wrong value fails fast with a message that
 * names the variable.
 *
 * On Cloud Foundry, configuration also comes from what the platform sets:
 * `VCAP_APPLICATION` (the app's routes give its public origin) and
 * `VCAP_SERVICES` (a bound PostgreSQL service gives `DATABASE_URL`; a bound
 * service whose credentials carry `client_id` and `client_secret` gives the
 * UAA client, and a user-provided service may carry the secrets under their
 * variable names). A variable set in the environment always wins.
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

/** Next.js decrypts server-action arguments with AES-GCM: the key is base64 of 16, 24 or 32 bytes. */
const aesKey = z
  .string()
  .refine(
    (value) =>
      /^[A-Za-z0-9+/]+={0,2}$/.test(value) && [16, 24, 32].includes(Buffer.from(value, "base64").length),
    "must be a base64 AES key of 16, 24 or 32 bytes (try: openssl rand -base64 32)",
  );

/** Development-only defaults, refused in production (see `isProduction`). */
const DEMO_AUTH_SECRET = "demo-only-secret-do-not-use-in-production-0123456789";
const DEMO_CLIENT_SECRET = "demo-client-secret";
const DEFAULT_CF_API_URL = "http://127.0.0.1:9022";
const DEFAULT_CLIENT_ID = "egress-dashboard";
/**
 * A reserved domain (RFC 2606), so a demo's request goes nowhere rather than
 * to a real support desk; production must name its own (see parseEnv).
 */
const DEMO_SUPPORT_EMAIL = "support@example.org";

const schema = z.object({
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
  DEPLOY_ENV: z.string().optional(),
  VCAP_APPLICATION: z.string().optional(),
  VCAP_SERVICES: z.string().optional(),
});

/** Where a value came from, for the start-up log: never the value itself. */
export type Origin = "environment" | `VCAP_SERVICES (${string})` | "VCAP_APPLICATION" | "default";

export type Env = {
  cfApiUrl: string;
  /** Overrides the UAA address that is otherwise discovered from `GET <CF_API_URL>/`. */
  uaaUrl: string | undefined;
  uaaClientId: string;
  uaaClientSecret: string;
  authSecret: string;
  /** Shared by every instance, so that a server action rendered by one is accepted by another. */
  serverActionsKey: string | undefined;
  appOrigin: string | undefined;
  cfRequestTimeoutMs: number;
  egressCatalogFile: string | undefined;
  dynamicAsgs: boolean;
  govBanner: boolean;
  /** Where the SQLite change history lives when no DATABASE_URL is set. */
  dataDir: string;
  /** A PostgreSQL connection string; when set, the history lives there instead of SQLite. */
  databaseUrl: string | undefined;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /** How long a SIGTERM waits for requests in flight (scripts/dist/start.cjs reads it too). */
  shutdownTimeoutMs: number;
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
  /** The app on Cloud Foundry (from VCAP_APPLICATION), for the logs. */
  cfApp: { name: string; spaceName: string | undefined } | undefined;
  /** Where the values an operator most often wonders about came from. */
  origins: { databaseUrl: Origin; uaaClient: Origin; appOrigin: Origin };
};

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Production means deployed: on Cloud Foundry (VCAP_APPLICATION) or DEPLOY_ENV=production; never NODE_ENV. */
export function isProductionEnvironment(source: Source): boolean {
  return (
    (source.VCAP_APPLICATION !== undefined && source.VCAP_APPLICATION !== "") ||
    source.DEPLOY_ENV === "production"
  );
}

const vcapApplicationSchema = z.looseObject({
  application_name: z.string().optional(),
  name: z.string().optional(),
  space_name: z.string().optional(),
  application_uris: z.array(z.string()).optional(),
  uris: z.array(z.string()).optional(),
});

const vcapServiceSchema = z.looseObject({
  name: z.string(),
  label: z.string().optional(),
  tags: z.array(z.string()).optional(),
  credentials: z.record(z.string(), z.unknown()).optional(),
});
const vcapServicesSchema = z.record(z.string(), z.array(vcapServiceSchema));
type VcapService = z.infer<typeof vcapServiceSchema>;

/** The secrets a user-provided service may carry, under the variables' own names. */
const SERVICE_VARIABLES = [
  "UAA_CLIENT_ID",
  "UAA_CLIENT_SECRET",
  "AUTH_SECRET",
  "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY",
];

type FromServices = { values: Source; origins: Record<string, Origin>; problems: string[] };

function credential(service: VcapService, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = service.credentials?.[key];
    if (typeof value === "string" && value !== "") return value;
  }
  return undefined;
}

/**
 * What the bound services provide. A PostgreSQL service is one whose
 * credentials hold a postgres:// `uri` (cloud.gov's aws-rds, most brokers);
 * the UAA client is a service whose credentials hold `client_id` and
 * `client_secret` (a user-provided service, or cloud.gov's identity-provider
 * service key); a user-provided service may also carry any of
 * SERVICE_VARIABLES by name. Two services offering the same thing are an
 * error, unless the variable is set in the environment.
 */
function fromServices(json: string | undefined, env: Source): FromServices {
  const out: FromServices = { values: {}, origins: {}, problems: [] };
  if (json === undefined) return out;
  let parsed: z.infer<typeof vcapServicesSchema>;
  try {
    const result = vcapServicesSchema.safeParse(JSON.parse(json));
    if (!result.success) {
      out.problems.push("VCAP_SERVICES: is not the JSON Cloud Foundry sets (an object of service lists)");
      return out;
    }
    parsed = result.data;
  } catch {
    out.problems.push("VCAP_SERVICES: is not valid JSON");
    return out;
  }
  const services = Object.values(parsed).flat();
  const offer = (variable: string, candidates: { service: VcapService; value: string }[]) => {
    if (env[variable] !== undefined || candidates.length === 0) return;
    if (candidates.length > 1) {
      const names = candidates.map((c) => `"${c.service.name}"`).join(", ");
      out.problems.push(`${variable}: several bound services offer it (${names}); set ${variable} to choose`);
      return;
    }
    const [only] = candidates;
    if (!only) return;
    out.values[variable] = only.value;
    out.origins[variable] = `VCAP_SERVICES (${only.service.name})`;
  };
  const each = (pick: (s: VcapService) => string | undefined) =>
    services.flatMap((service) => {
      const value = pick(service);
      return value === undefined ? [] : [{ service, value }];
    });

  offer(
    "DATABASE_URL",
    each((s) => {
      const uri = credential(s, "uri", "url", "database_uri");
      return uri !== undefined && /^postgres(ql)?:\/\//.test(uri) ? uri : undefined;
    }),
  );
  const clients = services.filter((s) => credential(s, "client_id") && credential(s, "client_secret"));
  offer(
    "UAA_CLIENT_ID",
    clients.map((service) => ({ service, value: credential(service, "client_id") ?? "" })),
  );
  offer(
    "UAA_CLIENT_SECRET",
    clients.map((service) => ({ service, value: credential(service, "client_secret") ?? "" })),
  );
  const provided = services.filter((s) => s.label === "user-provided");
  for (const variable of SERVICE_VARIABLES) {
    if (out.values[variable] !== undefined) continue;
    offer(
      variable,
      provided.flatMap((service) => {
        const value = credential(service, variable);
        return value === undefined ? [] : [{ service, value }];
      }),
    );
  }
  return out;
}

function fromApplication(json: string | undefined): {
  app?: Env["cfApp"];
  origin?: string;
  problems: string[];
} {
  if (json === undefined) return { problems: [] };
  let parsed: z.infer<typeof vcapApplicationSchema>;
  try {
    const result = vcapApplicationSchema.safeParse(JSON.parse(json));
    if (!result.success) return { problems: ["VCAP_APPLICATION: is not the JSON Cloud Foundry sets"] };
    parsed = result.data;
  } catch {
    return { problems: ["VCAP_APPLICATION: is not valid JSON"] };
  }
  const uri = (parsed.application_uris ?? parsed.uris)?.[0];
  const name = parsed.application_name ?? parsed.name;
  return {
    app: name === undefined ? undefined : { name, spaceName: parsed.space_name },
    // The first route: CF's router terminates TLS, so the public origin is https.
    origin: uri === undefined ? undefined : `https://${uri.replace(/\/+$/, "")}`,
    problems: [],
  };
}

/** Parses a set of variables; throws EnvError naming every bad variable. */
export function parseEnv(source: Source): Env {
  // Empty strings mean "unset", as in most .env tooling.
  const env: Source = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const services = fromServices(env.VCAP_SERVICES, env);
  const application = fromApplication(env.VCAP_APPLICATION);
  const cleaned = { ...services.values, ...env };
  const result = schema.safeParse(cleaned);
  const problems = [...services.problems, ...application.problems];
  if (!result.success) {
    problems.push(
      ...result.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? "environment");
        const got = cleaned[name];
        const secret = /SECRET|KEY|DATABASE_URL|VCAP/.test(name);
        const where = services.origins[name] ? ` from ${services.origins[name]}` : "";
        const shown = got === undefined || secret ? "" : ` (got "${got}")`;
        return `${name}${where}: ${issue.message}${shown}`;
      }),
    );
  }
  if (!result.success || problems.length > 0) throw new EnvError(problems);
  const raw = result.data;
  const isProduction = isProductionEnvironment(env);

  if (isProduction) {
    if (raw.AUTH_SECRET === undefined) {
      problems.push(
        "AUTH_SECRET: is required in production, the same on every instance (try: openssl rand -base64 32)",
      );
    } else if (raw.AUTH_SECRET === DEMO_AUTH_SECRET) {
      problems.push("AUTH_SECRET: the demo secret must not be used in production");
    }
    if (raw.UAA_CLIENT_ID === undefined) {
      problems.push(
        "UAA_CLIENT_ID: is required in production: the UAA client registered for the dashboard " +
          "(or bind a service whose credentials carry client_id and client_secret)",
      );
    }
    if (raw.UAA_CLIENT_SECRET === undefined) {
      problems.push("UAA_CLIENT_SECRET: is required in production");
    } else if (raw.UAA_CLIENT_SECRET === DEMO_CLIENT_SECRET) {
      problems.push("UAA_CLIENT_SECRET: the demo secret must not be used in production");
    }
    if (raw.CF_API_URL === undefined) {
      problems.push(
        "CF_API_URL: is required in production: the platform's API, e.g. https://api.sys.example.org",
      );
    } else if (!raw.CF_API_URL.startsWith("https://")) {
      problems.push(
        `CF_API_URL: must be an https URL in production: tokens travel to it (got "${raw.CF_API_URL}")`,
      );
    }
    if (raw.UAA_URL !== undefined && !raw.UAA_URL.startsWith("https://")) {
      problems.push(`UAA_URL: must be an https URL in production (got "${raw.UAA_URL}")`);
    }
    if (raw.APP_ORIGIN !== undefined && !raw.APP_ORIGIN.startsWith("https://")) {
      problems.push(
        `APP_ORIGIN: must be an https URL in production: the session cookie is Secure (got "${raw.APP_ORIGIN}")`,
      );
    }
    if (raw.DATABASE_URL === undefined) {
      problems.push(
        "DATABASE_URL: is required in production: a PostgreSQL database every instance shares " +
          "(bind a PostgreSQL service, or set DATABASE_URL); a SQLite file on the container's disk " +
          "is lost at every restart",
      );
    }
    if (raw.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY === undefined) {
      problems.push(
        "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: is required in production, the same on every instance, " +
          "so that a change posted to another instance is accepted (try: openssl rand -base64 32)",
      );
    }
    if (raw.SUPPORT_EMAIL === undefined) {
      problems.push("SUPPORT_EMAIL: is required in production (users send support requests to it)");
    }
  }
  if (problems.length > 0) throw new EnvError(problems);

  const appOrigin = raw.APP_ORIGIN ?? application.origin;
  return {
    cfApiUrl: raw.CF_API_URL ?? DEFAULT_CF_API_URL,
    uaaUrl: raw.UAA_URL,
    uaaClientId: raw.UAA_CLIENT_ID ?? DEFAULT_CLIENT_ID,
    uaaClientSecret: raw.UAA_CLIENT_SECRET ?? DEMO_CLIENT_SECRET,
    authSecret: raw.AUTH_SECRET ?? DEMO_AUTH_SECRET,
    serverActionsKey: raw.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY,
    appOrigin,
    cfRequestTimeoutMs: raw.CF_REQUEST_TIMEOUT_MS,
    egressCatalogFile: raw.EGRESS_CATALOG_FILE,
    dynamicAsgs: raw.DYNAMIC_ASGS,
    govBanner: raw.GOV_BANNER,
    dataDir: raw.DATA_DIR,
    databaseUrl: raw.DATABASE_URL,
    logLevel: raw.LOG_LEVEL,
    shutdownTimeoutMs: raw.SHUTDOWN_TIMEOUT_MS,
    changeInFlightMs: raw.CHANGE_IN_FLIGHT_MS,
    supportEmail: raw.SUPPORT_EMAIL ?? DEMO_SUPPORT_EMAIL,
    privateEgressEnabled: raw.PRIVATE_EGRESS_ENABLED,
    isProduction,
    cfApp: application.app,
    origins: {
      databaseUrl: origin("DATABASE_URL"),
      uaaClient: origin("UAA_CLIENT_SECRET"),
      appOrigin: raw.APP_ORIGIN !== undefined ? "environment" : appOrigin ? "VCAP_APPLICATION" : "default",
    },
  };

  function origin(name: string): Origin {
    return services.origins[name] ?? (env[name] !== undefined ? "environment" : "default");
  }
}

let cached: Env | undefined;

/** The validated configuration of this process, parsed once on first use. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
