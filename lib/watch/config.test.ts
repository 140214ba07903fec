import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";
import { parseWatchConfig } from "./config";

/** The watcher's configuration: off by default, on with a credential from the environment or a service. */

function problemsOf(source: Record<string, string>): string[] {
  try {
    parseWatchConfig(source);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  throw new Error("expected parseWatchConfig to throw");
}

const services = (...list: unknown[]) => JSON.stringify({ "user-provided": list });
const dashboardClient = {
  name: "egress-dashboard-secrets",
  label: "user-provided",
  credentials: { client_id: "egress-dashboard", client_secret: "dashboard-secret" },
};
const watcherService = {
  name: "egress-watcher",
  label: "user-provided",
  credentials: { client_id: "egress-watcher", client_secret: "watcher-secret" },
};

describe("parseWatchConfig", () => {
  it("is off without a credential, whatever the interval", () => {
    expect(parseWatchConfig({})).toEqual({ enabled: false });
    expect(parseWatchConfig({ WATCH_INTERVAL: "5" })).toEqual({ enabled: false });
    expect(parseWatchConfig({ VCAP_SERVICES: services(dashboardClient) })).toEqual({ enabled: false });
  });

  it("takes the client from the environment, every 5 minutes by default", () => {
    expect(parseWatchConfig({ WATCH_CLIENT_ID: "egress-watcher", WATCH_CLIENT_SECRET: "s3cret" })).toEqual({
      enabled: true,
      clientId: "egress-watcher",
      clientSecret: "s3cret",
      intervalMs: 300_000,
      origin: "environment",
    });
  });

  it("reads WATCH_INTERVAL in seconds", () => {
    const config = parseWatchConfig({ WATCH_CLIENT_ID: "w", WATCH_CLIENT_SECRET: "s", WATCH_INTERVAL: "5" });
    expect(config.enabled && config.intervalMs).toBe(5000);
  });

  it("takes the client from a bound service named or tagged egress-watcher; the environment wins", () => {
    const fromName = parseWatchConfig({ VCAP_SERVICES: services(dashboardClient, watcherService) });
    expect(fromName).toMatchObject({
      enabled: true,
      clientId: "egress-watcher",
      clientSecret: "watcher-secret",
      origin: "VCAP_SERVICES (egress-watcher)",
    });
    const tagged = { ...watcherService, name: "platform-reader", tags: ["egress-watcher"] };
    expect(parseWatchConfig({ VCAP_SERVICES: services(tagged) })).toMatchObject({
      enabled: true,
      origin: "VCAP_SERVICES (platform-reader)",
    });
    expect(
      parseWatchConfig({
        VCAP_SERVICES: services(watcherService),
        WATCH_CLIENT_ID: "other",
        WATCH_CLIENT_SECRET: "other-secret",
      }),
    ).toMatchObject({ clientId: "other", origin: "environment" });
  });

  it("names each bad variable", () => {
    expect(problemsOf({ WATCH_CLIENT_ID: "w" })).toEqual([
      "WATCH_CLIENT_SECRET: is required with the other: the watcher needs both, or neither (it is then off)",
    ]);
    expect(problemsOf({ WATCH_CLIENT_ID: "w", WATCH_CLIENT_SECRET: "s", WATCH_INTERVAL: "0" })).toEqual([
      'WATCH_INTERVAL: must be at least 1 (second) (got "0")',
    ]);
    expect(problemsOf({ WATCH_CLIENT_ID: "w", WATCH_CLIENT_SECRET: "s", WATCH_INTERVAL: "5m" })).toEqual([
      'WATCH_INTERVAL: must be a whole number of seconds (got "5m")',
    ]);
    const incomplete = { ...watcherService, credentials: { client_id: "egress-watcher" } };
    expect(problemsOf({ VCAP_SERVICES: services(incomplete) })).toEqual([
      "VCAP_SERVICES (egress-watcher): the watcher's service needs client_id and client_secret in its credentials",
    ]);
  });

  it("refuses the stand-in's demo secret in production", () => {
    expect(
      problemsOf({
        DEPLOY_ENV: "production",
        WATCH_CLIENT_ID: "w",
        WATCH_CLIENT_SECRET: "demo-watcher-secret",
      }),
    ).toEqual(["WATCH_CLIENT_SECRET: the demo secret is refused in production"]);
  });

  it("keeps the watcher's service out of the sign-in client (two services with a client_id are no conflict)", () => {
    const env = parseEnv({ VCAP_SERVICES: services(dashboardClient, watcherService) });
    expect(env.uaaClientId).toBe("egress-dashboard");
    expect(env.uaaClientSecret).toBe("dashboard-secret");
  });
});
