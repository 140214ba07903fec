/**
 * What every benchmark starts: the stand-in (scripts/lib/bench-sim.mts) and
 * the dashboard's production build as deployed (`node dist/start.cjs`), each in a process group of
 * its own, on loopback ports; both are stopped by `stop()`, on failure, and on
 * Ctrl-C (scripts/lib/processes.ts). The dashboard keeps its change history
 * in a temporary folder, removed afterwards.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import type { BenchWorldShape } from "./bench-world";
import { exited, startProcess, stopAll, stopAllOnSignals, waitFor } from "./processes";
import { SimClient } from "./sim-client";

// Ctrl-C or SIGTERM stops every child started through this module (the build included), then exits.
stopAllOnSignals();

export type Stack = {
  app: string;
  /** The dashboard's server process (node dist/start.cjs runs Next's server in itself). */
  appPid: number;
  sim: SimClient;
  /**
   * Starts another child that `stop()` and Ctrl-C stop with the rest. Scripts start their own
   * children through this rather than importing processes.ts themselves: tsx loads that module once
   * for an .mts importer and once for this file, and each copy stops only what it started.
   */
  start: typeof startProcess;
  stop: () => Promise<void>;
};

/**
 * The Node.js options the app is deployed with (manifest.yml's NODE_OPTIONS: the heap sized to the
 * container's memory), so that its memory behaves under the benchmarks as it does on the platform:
 * without them, V8 lets garbage pile up towards a heap limit sized to the whole machine.
 */
export function deployedNodeOptions(): string | undefined {
  return deployedEnv("NODE_OPTIONS");
}

/** A variable of manifest.yml's `env` (the allocator's settings, MALLOC_*, as the app is pushed). */
export function deployedEnv(name: string): string | undefined {
  const manifest = readFileSync("manifest.yml", "utf8");
  const value = new RegExp(`^\\s*${name}:\\s*(.+)$`, "m").exec(manifest)?.[1]?.trim();
  return value?.replace(/^"(.*)"$/, "$1");
}

/** Builds dist/ as deployed (`npm run build`) unless told to reuse the build there is (`--skip-build`). */
export async function ensureBuild(skip: boolean): Promise<void> {
  if (skip && existsSync("dist/start.cjs")) return;
  if (skip) console.log("bench: no build to reuse");
  console.log("bench: building the production app (npm run build: dist/)…");
  const code = await exited(
    startProcess("npm", ["run", "build"], {
      env: { NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "ignore", "inherit"],
    }),
  );
  if (code !== 0) throw new Error(`npm run build failed (exit ${code})`);
}

export async function startStack(options: {
  appPort: number;
  cfPort: number;
  uaaPort: number;
  world: BenchWorldShape;
  env?: Record<string, string>;
  /** Added to every CF request from the stand-in's start (else set later through `sim.latency`). */
  latencyMs?: number;
  /** Options for the dashboard's node that NODE_OPTIONS refuses (`--cpu-prof`). */
  nodeArgs?: string[];
}): Promise<Stack> {
  const app = `http://127.0.0.1:${options.appPort}`;
  const dataDir = mkdtempSync(join(tmpdir(), "egress-bench-"));
  const removeData = () => rmSync(dataDir, { recursive: true, force: true });
  process.once("exit", removeData); // also after Ctrl-C, which exits once the children are stopped
  const stop = async () => {
    await stopAll();
    removeData();
  };
  try {
    startProcess(
      "npx",
      [
        "tsx",
        "scripts/lib/bench-sim.mts",
        "--cf-port",
        String(options.cfPort),
        "--uaa-port",
        String(options.uaaPort),
        "--org-sizes",
        options.world.orgSizes.join(","),
        "--groups",
        String(options.world.groups),
        "--managers",
        String(options.world.managers ?? 0),
        "--shape",
        options.world.shape ?? "uniform",
        ...(options.world.foundationSpaces === undefined
          ? []
          : ["--foundation-spaces", String(options.world.foundationSpaces)]),
        ...(options.world.foundationOrgSize === undefined
          ? []
          : ["--foundation-org-size", String(options.world.foundationOrgSize)]),
        ...(options.latencyMs === undefined ? [] : ["--latency-ms", String(options.latencyMs)]),
        "--app-origin",
        app,
      ],
      { stdio: ["ignore", "inherit", "inherit"] },
    );
    const cfUrl = `http://127.0.0.1:${options.cfPort}`;
    await waitFor(`${cfUrl}/v3/info`, 120_000);
    const server = startProcess("node", [...(options.nodeArgs ?? []), "dist/start.cjs"], {
      env: {
        HOST: "127.0.0.1",
        PORT: String(options.appPort),
        CF_API_URL: cfUrl,
        NEXT_TELEMETRY_DISABLED: "1",
        DATA_DIR: dataDir,
        NODE_OPTIONS: deployedNodeOptions(),
        MALLOC_ARENA_MAX: deployedEnv("MALLOC_ARENA_MAX"),
        MALLOC_MMAP_THRESHOLD_: deployedEnv("MALLOC_MMAP_THRESHOLD_"),
        MALLOC_TRIM_THRESHOLD_: deployedEnv("MALLOC_TRIM_THRESHOLD_"),
        ...options.env,
      },
    });
    await waitFor(`${app}/api/health`, 120_000);
    if (server.pid === undefined) throw new Error("the dashboard did not start");
    return { app, appPid: server.pid, sim: new SimClient(cfUrl), start: startProcess, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Free CPU matters on a 2-core machine: the 1, 5 and 15 minute load averages, for the record. */
export function loadAverage(): [number, number, number] {
  const [one = 0, five = 0, fifteen = 0] = loadavg().map((v) => Math.round(v * 100) / 100);
  return [one, five, fifteen];
}

type Load = [number, number, number];

/** The machine a benchmark ran on, as every bench/*.json records it. */
export function machine(loadBefore: Load, loadAfter: Load) {
  return {
    cores: cpus().length,
    node: process.version,
    load_average_before: loadBefore,
    load_average_after: loadAfter,
  };
}

/** The line under every benchmark's table: the load around the run, the cores, when. */
export function loadLine(loadBefore: Load, loadAfter: Load, started: Date): string {
  return (
    `Load average (1, 5, 15 min) ${loadBefore.join(", ")} before, ${loadAfter.join(", ")} after, ${cpus().length} cores; ` +
    `${started.toISOString().slice(0, 16).replace("T", " ")} UTC.`
  );
}
