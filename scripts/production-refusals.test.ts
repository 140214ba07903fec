import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The stand-in signs anyone in with a known password: neither it nor the demo
 * that starts it may run where the deployment says production.
 */

const root = path.resolve(import.meta.dirname, "..");

function run(script: string, env: Record<string, string>) {
  const result = spawnSync("npx", ["tsx", script, "--cf-port", "0", "--uaa-port", "0"], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("never the stand-in in production", () => {
  it.each([
    ["sim/main.mts", { VCAP_APPLICATION: "{}" }, "stand-in: refusing to start in production"],
    ["sim/main.mts", { DEPLOY_ENV: "production" }, "stand-in: refusing to start in production"],
    [
      "scripts/demo.mts",
      { VCAP_APPLICATION: '{"application_name":"egress"}' },
      "demo: refusing to run in production",
    ],
    ["scripts/demo.mts", { DEPLOY_ENV: "production" }, "demo: refusing to run in production"],
  ])("%s with %j exits 1, saying why", (script, env, message) => {
    const { code, output } = run(script, env);
    expect(code).toBe(1);
    expect(output).toContain(message);
  });
});
