import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

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
    const secrets = {
      AUTH_SECRET: "x".repeat(32),
      UAA_CLIENT_SECRET: "real-secret",
      SUPPORT_EMAIL: "support@agency.gov",
    };
    expect(parseEnv({ ...secrets, DEPLOY_ENV: "production" }).isProduction).toBe(true);
    expect(parseEnv({ ...secrets, VCAP_APPLICATION: "{}" }).isProduction).toBe(true);
  });

  it("refuses the demo secrets in production", () => {
    expect(problemsOf({ DEPLOY_ENV: "production" })).toEqual([
      "AUTH_SECRET: is required in production (try: openssl rand -base64 32)",
      "UAA_CLIENT_SECRET: is required in production",
      "SUPPORT_EMAIL: is required in production (users send support requests to it)",
    ]);
    expect(
      problemsOf({
        DEPLOY_ENV: "production",
        AUTH_SECRET: "x".repeat(32),
        UAA_CLIENT_SECRET: "demo-client-secret",
        SUPPORT_EMAIL: "support@agency.gov",
      }),
    ).toEqual(["UAA_CLIENT_SECRET: the demo secret must not be used in production"]);
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

  it("requires a real support address in production, where the demo's would reach no one", () => {
    const production = { DEPLOY_ENV: "production", AUTH_SECRET: "x".repeat(32), UAA_CLIENT_SECRET: "s" };
    expect(problemsOf(production)).toEqual([
      "SUPPORT_EMAIL: is required in production (users send support requests to it)",
    ]);
    expect(parseEnv({ ...production, SUPPORT_EMAIL: "support@agency.gov" }).supportEmail).toBe(
      "support@agency.gov",
    );
  });
});
