/** The validated configuration, as the app reads it (parseEnv in ./index.ts builds it). */

export type Source = Record<string, string | undefined>;

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
   * Development only: the DNS server the reach check asks ("127.0.0.1:9053", the stand-in's, which
   * answers for the catalog's invented hosts) instead of the system's resolver. Refused in production.
   */
  dnsServer: string | undefined;
  /** Where alert emails are sent through (nodemailer); unset: email destinations cannot be added. */
  smtpUrl: string | undefined;
  /** The alert emails' sender. */
  smtpFrom: string;
  /** The first retry of a failed alert delivery waits this long; each next one twice as long (capped at an hour). */
  alertRetryMs: number;
  /** A delivery is marked failed after this many attempts. */
  alertMaxAttempts: number;
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
