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

import { EnvError } from "./errors";
import {
  DEFAULT_CF_API_URL,
  DEFAULT_CLIENT_ID,
  DEMO_AUTH_SECRET,
  DEMO_CLIENT_SECRET,
  DEMO_ALERT_FROM,
  DEMO_SUPPORT_EMAIL,
  schema,
} from "./fields";
import { productionProblems } from "./production";
import type { Env, Origin, Source } from "./types";
import { fromApplication, fromServices } from "./vcap";

export { EnvError } from "./errors";
export type { Env, Origin, Source } from "./types";
export { WATCHER_SERVICE, watcherFromServices } from "./vcap";

/** Production means deployed: on Cloud Foundry (VCAP_APPLICATION) or DEPLOY_ENV=production; never NODE_ENV. */
export function isProductionEnvironment(source: Source): boolean {
  return (
    (source.VCAP_APPLICATION !== undefined && source.VCAP_APPLICATION !== "") ||
    source.DEPLOY_ENV === "production"
  );
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
        const secret = /SECRET|KEY|DATABASE_URL|SMTP_URL|VCAP/.test(name);
        const where = services.origins[name] ? ` from ${services.origins[name]}` : "";
        const shown = got === undefined || secret ? "" : ` (got "${got}")`;
        return `${name}${where}: ${issue.message}${shown}`;
      }),
    );
  }
  if (!result.success || problems.length > 0) throw new EnvError(problems);
  const raw = result.data;
  const isProduction = isProductionEnvironment(env);

  if (isProduction) problems.push(...productionProblems(raw));
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
    dnsServer: raw.DNS_SERVER,
    smtpUrl: raw.SMTP_URL,
    smtpFrom: raw.SMTP_FROM ?? DEMO_ALERT_FROM,
    alertRetryMs: raw.ALERT_RETRY_SECONDS * 1000,
    alertMaxAttempts: raw.ALERT_MAX_ATTEMPTS,
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
