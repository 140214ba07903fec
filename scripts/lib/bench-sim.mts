/**
 * The stand-in as the benchmarks run it, in a process of its own (so that
 * its work does not share an event loop with the measuring script or the
 * load generator), on a world of scripts/lib/bench-world.ts:
 *
 *   tsx scripts/lib/bench-sim.mts --cf-port 9522 --uaa-port 9523 --org-sizes 10,1000 --groups 50 \
 *     --app-origin http://127.0.0.1:3500 [--managers 50] [--shape realistic] [--foundation-spaces 30000]
 *     [--foundation-org-size 100] [--latency-ms 50]
 *
 * `--latency-ms` adds that much to every CF request from the start, before the dashboard's first
 * request (the watcher's first cycle begins as the server starts).
 *
 * Loopback only (the stand-in refuses anything else); stops on SIGINT and SIGTERM.
 */
import { parseArgs } from "node:util";
import { WORLD_SHAPES, type WorldShapeName } from "../../sim/generate";
import { startSim } from "../../sim/server";
import { benchWorld } from "./bench-world";

const { values } = parseArgs({
  options: {
    "cf-port": { type: "string" },
    "uaa-port": { type: "string" },
    "org-sizes": { type: "string", default: "" },
    groups: { type: "string", default: "0" },
    managers: { type: "string", default: "0" },
    shape: { type: "string", default: "uniform" },
    "foundation-spaces": { type: "string" },
    "foundation-org-size": { type: "string" },
    "latency-ms": { type: "string", default: "0" },
    "app-origin": { type: "string", multiple: true, default: [] },
  },
  strict: true,
});

function whole(name: string, value: string | undefined): number {
  const n = Number(value);
  if (value === undefined || value === "" || !Number.isInteger(n) || n < 0)
    throw new Error(`--${name} must be a whole number (got "${value}")`);
  return n;
}

if (!(WORLD_SHAPES as readonly string[]).includes(values.shape))
  throw new Error(`--shape must be one of ${WORLD_SHAPES.join(", ")}`);
const world = benchWorld({
  shape: values.shape as WorldShapeName,
  foundationSpaces:
    values["foundation-spaces"] === undefined
      ? undefined
      : whole("foundation-spaces", values["foundation-spaces"]),
  foundationOrgSize:
    values["foundation-org-size"] === undefined
      ? undefined
      : whole("foundation-org-size", values["foundation-org-size"]),
  orgSizes: values["org-sizes"]
    .split(",")
    .filter(Boolean)
    .map((v) => whole("org-sizes", v)),
  groups: whole("groups", values.groups),
  managers: whole("managers", values.managers),
});
const sim = await startSim({
  cacheReads: true,
  cfPort: whole("cf-port", values["cf-port"]),
  uaaPort: whole("uaa-port", values["uaa-port"]),
  seed: world,
  appOrigins: values["app-origin"],
});
const latencyMs = whole("latency-ms", values["latency-ms"]);
if (latencyMs > 0) {
  const set = await fetch(`${sim.cfUrl}/__sim/faults`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ latency_ms: latencyMs }),
  });
  if (!set.ok) throw new Error(`the stand-in refused the latency (${set.status})`);
}
console.log(
  `bench stand-in at ${sim.cfUrl}: ${world.orgs.length} orgs, ${world.spaces.length} spaces, ` +
    `${world.securityGroups.length} security groups, ${world.users.length} users`,
);

const stop = () => void sim.close().then(() => process.exit(0));
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
