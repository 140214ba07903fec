import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from ".";

/** A production configuration that starts; each test below breaks one thing. */
const PRODUCTION = {
  DEPLOY_ENV: "production",
  CF_API_URL: "https://api.sys.example.org",
  UAA_CLIENT_ID: "egress-dashboard",
  UAA_CLIENT_SECRET: "a-real-client-secret",
  AUTH_SECRET: "s".repeat(44),
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
  DATABASE_URL: "postgres://egress:hunter2@db.example.org:5432/egress",
  SUPPORT_EMAIL: "cloud-support@agency.gov",
};

function problemsOf(source: Record<string, string>): string[] {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  throw new Error("expected parseEnv to throw");
}

describe("parseEnv", () => {
  it("defaults to the local stand-in and the demo client", () => {
    const env = parseEnv({});
    expect(env.cfApiUrl).toBe("http://127.0.0.1:9022");
    expect(env.uaaUrl).toBeUndefined();
    expect(env.uaaClientId).toBe("egress-dashboard");
    expect(env.dynamicAsgs).toBe(true);
    expect(env.govBanner).toBe(false);
    expect(env.isProduction).toBe(false);
    expect(env.supportEmail).toBe("support@example.org");
    expect(env.privateEgressEnabled).toBe(true);
  });

  it("keeps the history in SQLite under ./data unless DATABASE_URL names a PostgreSQL", () => {
    expect(parseEnv({})).toMatchObject({ dataDir: "./data", databaseUrl: undefined });
    expect(parseEnv({ DATA_DIR: "./state" }).dataDir).toBe("./state");
    for (const url of ["postgres://egress:pw@db.example.org:5432/egress", "postgresql://db/egress"]) {
      expect(parseEnv({ DATABASE_URL: url }).databaseUrl).toBe(url);
    }
  });

  it("refuses a DATABASE_URL that is not a postgres URL, naming it without echoing its password", () => {
    for (const url of [
      "mysql://egress:hunter2@db/egress",
      "sqlite:./data/history.sqlite",
      "postgres:hunter2",
    ]) {
      const problems = problemsOf({ DATABASE_URL: url });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL/);
      expect(problems[0]).not.toContain("hunter2");
    }
  });

  it("strips trailing slashes so URLs can be joined safely", () => {
    expect(parseEnv({ CF_API_URL: "https://api.example.org/" }).cfApiUrl).toBe("https://api.example.org");
  });

  it("names the variable and the bad value when a URL is wrong", () => {
    const problems = problemsOf({ CF_API_URL: "api.example.org" });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^CF_API_URL: must be an http\(s\) URL/);
    expect(problems[0]).toContain('(got "api.example.org")');
  });

  it("reports every bad variable at once, never echoing secrets", () => {
    const problems = problemsOf({ DYNAMIC_ASGS: "yes", AUTH_SECRET: "short", CF_REQUEST_TIMEOUT_MS: "-1" });
    expect(problems.map((p) => p.split(":")[0]).sort()).toEqual([
      "AUTH_SECRET",
      "CF_REQUEST_TIMEOUT_MS",
      "DYNAMIC_ASGS",
    ]);
    expect(problems.join("\n")).not.toContain("short");
  });

  it("treats VCAP_APPLICATION or DEPLOY_ENV=production as production, not NODE_ENV", () => {
    expect(parseEnv({ NODE_ENV: "production" }).isProduction).toBe(false);
    expect(parseEnv({ ...PRODUCTION, DEPLOY_ENV: "production" }).isProduction).toBe(true);
    const { DEPLOY_ENV: _, ...onCf } = PRODUCTION;
    expect(parseEnv({ ...onCf, VCAP_APPLICATION: "{}" }).isProduction).toBe(true);
  });

  it("reads boolean flags strictly", () => {
    expect(parseEnv({ DYNAMIC_ASGS: "false", GOV_BANNER: "1" })).toMatchObject({
      dynamicAsgs: false,
      govBanner: true,
    });
  });

  it("reads the support address and the private-egress flag", () => {
    expect(
      parseEnv({ SUPPORT_EMAIL: "cloud-support@agency.gov", PRIVATE_EGRESS_ENABLED: "false" }),
    ).toMatchObject({ supportEmail: "cloud-support@agency.gov", privateEgressEnabled: false });
    expect(parseEnv({ PRIVATE_EGRESS_ENABLED: "1" }).privateEgressEnabled).toBe(true);
  });

  it("refuses a support address that is not an email address, and a flag that is not a boolean", () => {
    const problems = problemsOf({ SUPPORT_EMAIL: "support desk", PRIVATE_EGRESS_ENABLED: "maybe" });
    expect(problems).toEqual([
      'SUPPORT_EMAIL: must be an email address, e.g. support@example.gov (got "support desk")',
      'PRIVATE_EGRESS_ENABLED: must be "true" or "false" (got "maybe")',
    ]);
    expect(problemsOf({ SUPPORT_EMAIL: "mailto:support@agency.gov" })[0]).toMatch(/^SUPPORT_EMAIL: /);
  });

  it("points the reach check at a DNS server in development, and refuses one that is not address:port", () => {
    expect(parseEnv({}).dnsServer).toBeUndefined();
    expect(parseEnv({ DNS_SERVER: "127.0.0.1:9053" }).dnsServer).toBe("127.0.0.1:9053");
    for (const bad of ["127.0.0.1", "localhost:9053", "127.0.0.1:0", "127.0.0.1:70000", "300.1.1.1:53"])
      expect(problemsOf({ DNS_SERVER: bad })).toEqual([
        `DNS_SERVER: must be an IPv4 address and a port, e.g. 127.0.0.1:9053 (got "${bad}")`,
      ]);
  });

  it("reads the alerts' SMTP server and retries, and never echoes an SMTP URL it refuses", () => {
    expect(parseEnv({})).toMatchObject({
      smtpUrl: undefined,
      smtpFrom: "egress-dashboard@example.org",
      alertRetryMs: 30_000,
      alertMaxAttempts: 8,
    });
    expect(
      parseEnv({
        SMTP_URL: "smtps://alerts:pw@smtp.agency.gov:465",
        SMTP_FROM: "egress@agency.gov",
        ALERT_RETRY_SECONDS: "5",
        ALERT_MAX_ATTEMPTS: "3",
      }),
    ).toMatchObject({
      smtpUrl: "smtps://alerts:pw@smtp.agency.gov:465",
      smtpFrom: "egress@agency.gov",
      alertRetryMs: 5000,
      alertMaxAttempts: 3,
    });
    const problems = problemsOf({
      SMTP_URL: "https://user:hunter2@mail.example.org",
      ALERT_MAX_ATTEMPTS: "0",
    });
    expect(problems).toEqual([
      "SMTP_URL: must be an smtp:// or smtps:// URL, e.g. smtps://user:password@smtp.example.gov:465",
      'ALERT_MAX_ATTEMPTS: must be at least 1 (got "0")',
    ]);
    expect(problems.join(" ")).not.toContain("hunter2");
  });

  it("requires a real support address in production, where the demo's would reach no one", () => {
    expect(problemsOf({ ...PRODUCTION, SUPPORT_EMAIL: "" })).toEqual([
      "SUPPORT_EMAIL: is required in production (users send support requests to it)",
    ]);
    expect(parseEnv({ ...PRODUCTION, SUPPORT_EMAIL: "support@agency.gov" }).supportEmail).toBe(
      "support@agency.gov",
    );
  });
});

describe("parseEnv in production", () => {
  it("starts with every production variable set", () => {
    const env = parseEnv(PRODUCTION);
    expect(env).toMatchObject({
      isProduction: true,
      cfApiUrl: "https://api.sys.example.org",
      uaaClientId: "egress-dashboard",
      databaseUrl: PRODUCTION.DATABASE_URL,
      serverActionsKey: PRODUCTION.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY,
    });
  });

  it.each([
    ["AUTH_SECRET", "AUTH_SECRET: is required in production"],
    ["UAA_CLIENT_ID", "UAA_CLIENT_ID: is required in production"],
    ["UAA_CLIENT_SECRET", "UAA_CLIENT_SECRET: is required in production"],
    ["CF_API_URL", "CF_API_URL: is required in production"],
    ["DATABASE_URL", "DATABASE_URL: is required in production: a PostgreSQL database every instance shares"],
    ["NEXT_SERVER_ACTIONS_ENCRYPTION_KEY", "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: is required in production"],
    ["SUPPORT_EMAIL", "SUPPORT_EMAIL: is required in production"],
  ])("refuses to start without %s, naming it", (name, message) => {
    const problems = problemsOf({ ...PRODUCTION, [name]: "" });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });

  it.each([
    [{ CF_API_URL: "http://api.sys.example.org" }, "CF_API_URL: must be an https URL in production"],
    [{ UAA_URL: "http://login.sys.example.org" }, "UAA_URL: must be an https URL in production"],
    [{ APP_ORIGIN: "http://egress.example.org" }, "APP_ORIGIN: must be an https URL in production"],
    [{ AUTH_SECRET: "demo-only-secret-do-not-use-in-production-0123456789" }, "AUTH_SECRET: the demo secret"],
    [{ UAA_CLIENT_SECRET: "demo-client-secret" }, "UAA_CLIENT_SECRET: the demo secret"],
    [
      { DATABASE_URL: "sqlite:./data/history.sqlite" },
      "DATABASE_URL: must be a postgres:// or postgresql:// URL",
    ],
    [
      { NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: "not-a-key" },
      "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: must be a base64 AES key",
    ],
    [
      { NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: Buffer.alloc(20).toString("base64") },
      "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: must be a base64 AES key of 16, 24 or 32 bytes",
    ],
    [{ DNS_SERVER: "127.0.0.1:9053" }, "DNS_SERVER: is for development only"],
  ])("refuses %j, naming the variable and what is wrong", (change, message) => {
    const problems = problemsOf({ ...PRODUCTION, ...change });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });

  it("never echoes a secret, a key or a connection string", () => {
    const text = problemsOf({
      ...PRODUCTION,
      NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: "short-secret-key",
      DATABASE_URL: "mysql://egress:hunter2@db/egress",
      AUTH_SECRET: "tiny",
    }).join("\n");
    expect(text).not.toMatch(/short-secret-key|hunter2|tiny/);
  });
});

describe("parseEnv on Cloud Foundry (VCAP_APPLICATION, VCAP_SERVICES)", () => {
  const {
    DEPLOY_ENV: _,
    DATABASE_URL: __,
    UAA_CLIENT_ID: ___,
    UAA_CLIENT_SECRET: ____,
    ...secrets
  } = PRODUCTION;
  const application = JSON.stringify({
    application_name: "egress-dashboard",
    space_name: "tools",
    application_uris: ["egress.apps.example.org", "egress-internal.apps.internal"],
  });
  const services = (extra: Record<string, unknown[]> = {}) =>
    JSON.stringify({
      "aws-rds": [
        {
          name: "egress-db",
          label: "aws-rds",
          tags: ["database", "RDS"],
          credentials: { uri: "postgres://u:p@rds.example.org:5432/egress", host: "rds.example.org" },
        },
      ],
      "user-provided": [
        {
          name: "egress-uaa-client",
          label: "user-provided",
          credentials: { client_id: "egress-dashboard", client_secret: "from-a-service" },
        },
      ],
      ...extra,
    });

  it("takes the database and the UAA client from bound services, and the origin from the first route", () => {
    const env = parseEnv({ ...secrets, VCAP_APPLICATION: application, VCAP_SERVICES: services() });
    expect(env).toMatchObject({
      isProduction: true,
      databaseUrl: "postgres://u:p@rds.example.org:5432/egress",
      uaaClientId: "egress-dashboard",
      uaaClientSecret: "from-a-service",
      appOrigin: "https://egress.apps.example.org",
      cfApp: { name: "egress-dashboard", spaceName: "tools" },
      origins: {
        databaseUrl: "VCAP_SERVICES (egress-db)",
        uaaClient: "VCAP_SERVICES (egress-uaa-client)",
        appOrigin: "VCAP_APPLICATION",
      },
    });
  });

  it("lets a user-provided service carry the secrets under their variable names", () => {
    const { AUTH_SECRET, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY, ...rest } = secrets;
    const env = parseEnv({
      ...rest,
      VCAP_APPLICATION: application,
      VCAP_SERVICES: services({
        "user-provided": [
          {
            name: "egress-secrets",
            label: "user-provided",
            credentials: {
              AUTH_SECRET,
              NEXT_SERVER_ACTIONS_ENCRYPTION_KEY,
              UAA_CLIENT_ID: "c",
              UAA_CLIENT_SECRET: "s",
            },
          },
        ],
      }),
    });
    expect(env).toMatchObject({
      authSecret: AUTH_SECRET,
      serverActionsKey: NEXT_SERVER_ACTIONS_ENCRYPTION_KEY,
    });
    expect(env).toMatchObject({ uaaClientId: "c", uaaClientSecret: "s" });
  });

  it("prefers the environment over the services", () => {
    const env = parseEnv({
      ...PRODUCTION,
      VCAP_APPLICATION: application,
      APP_ORIGIN: "https://egress.example.gov",
      VCAP_SERVICES: services(),
    });
    expect(env).toMatchObject({
      databaseUrl: PRODUCTION.DATABASE_URL,
      uaaClientSecret: PRODUCTION.UAA_CLIENT_SECRET,
      appOrigin: "https://egress.example.gov",
      origins: { databaseUrl: "environment", uaaClient: "environment", appOrigin: "environment" },
    });
  });

  it("refuses two services offering the same thing, unless the variable chooses", () => {
    const two = services({
      "crunchy-postgres": [
        { name: "other-db", label: "crunchy", credentials: { uri: "postgresql://x:y@h/db" } },
      ],
    });
    expect(problemsOf({ ...secrets, VCAP_APPLICATION: application, VCAP_SERVICES: two })).toEqual([
      'DATABASE_URL: several bound services offer it ("egress-db", "other-db"); set DATABASE_URL to choose',
    ]);
    expect(
      parseEnv({
        ...secrets,
        VCAP_APPLICATION: application,
        VCAP_SERVICES: two,
        DATABASE_URL: "postgres://h/db",
      }).databaseUrl,
    ).toBe("postgres://h/db");
  });

  it("without a database service, refuses to start and says how to provide one", () => {
    const all = JSON.parse(services()) as Record<string, unknown[]>;
    const noDb = JSON.stringify({ "user-provided": all["user-provided"] });
    const problems = problemsOf({ ...secrets, VCAP_APPLICATION: application, VCAP_SERVICES: noDb });
    expect(problems).toEqual([expect.stringContaining("DATABASE_URL: is required in production")]);
    expect(problems[0]).toContain("bind a PostgreSQL service");
  });

  it("names VCAP_SERVICES or VCAP_APPLICATION when they are not Cloud Foundry's JSON", () => {
    expect(problemsOf({ VCAP_SERVICES: "{not json" })).toEqual(["VCAP_SERVICES: is not valid JSON"]);
    expect(problemsOf({ VCAP_SERVICES: "[1]" })).toEqual([
      "VCAP_SERVICES: is not the JSON Cloud Foundry sets (an object of service lists)",
    ]);
    expect(problemsOf({ ...PRODUCTION, VCAP_APPLICATION: "nope" })).toEqual([
      "VCAP_APPLICATION: is not valid JSON",
    ]);
  });
});
