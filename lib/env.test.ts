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
    const secrets = { AUTH_SECRET: "x".repeat(32), UAA_CLIENT_SECRET: "real-secret" };
    expect(parseEnv({ ...secrets, DEPLOY_ENV: "production" }).isProduction).toBe(true);
    expect(parseEnv({ ...secrets, VCAP_APPLICATION: "{}" }).isProduction).toBe(true);
  });

  it("refuses the demo secrets in production", () => {
    expect(problemsOf({ DEPLOY_ENV: "production" })).toEqual([
      "AUTH_SECRET: is required in production (try: openssl rand -base64 32)",
      "UAA_CLIENT_SECRET: is required in production",
    ]);
    expect(
      problemsOf({
        DEPLOY_ENV: "production",
        AUTH_SECRET: "x".repeat(32),
        UAA_CLIENT_SECRET: "demo-client-secret",
      }),
    ).toEqual(["UAA_CLIENT_SECRET: the demo secret must not be used in production"]);
  });

  it("reads boolean flags strictly", () => {
    expect(parseEnv({ DYNAMIC_ASGS: "false", GOV_BANNER: "1" })).toMatchObject({
      dynamicAsgs: false,
      govBanner: true,
    });
  });
});
