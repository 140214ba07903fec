import { parseArgs } from "node:util";
import { GROUP_WORLD_ORGS } from "./bench-groups";

/** `npm run bench`'s options (scripts/bench.mts says what each does), read and checked. */
export function benchOptions(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      sizes: { type: "string", default: "10,100,1000,5000" },
      loads: { type: "string", default: "20" },
      "cli-sample": { type: "string", default: "20" },
      "skip-build": { type: "boolean", default: false },
      out: { type: "string", default: "bench/results.json" },
      groups: { type: "string", default: "50,2000,10000,20000" },
      "group-sizes": { type: "string" },
      "group-loads": { type: "string", default: "10" },
      "export-loads": { type: "string", default: "5" },
      "read-runs": { type: "string", default: "3" },
      tables: { type: "string", default: "uniform,groups,watch" },
      "watch-interval": { type: "string", default: "30" },
      "watch-cycles": { type: "string", default: "3" },
      ports: { type: "string", default: "3500,9522" },
    },
    strict: true,
  });

  const SIZES = values.sizes.split(",").map(Number);
  const LOADS = Number(values.loads);
  const CLI_SAMPLE = Number(values["cli-sample"]);
  const TABLES = new Set(values.tables.split(","));
  const GROUP_COUNTS =
    values.groups === "none" || !TABLES.has("groups") ? [] : values.groups.split(",").map(Number);
  const sizesGiven = args.some((a) => a === "--sizes" || a.startsWith("--sizes="));
  const GROUP_SIZES = (values["group-sizes"] ?? (sizesGiven ? values.sizes : "1000,5000"))
    .split(",")
    .map(Number)
    .filter((n) => GROUP_WORLD_ORGS.includes(n));
  const READ_SIZES = [...new Set([100, ...GROUP_SIZES])];
  const [APP_PORT = 3500, CF_PORT = 9522] = values.ports.split(",").map(Number);
  const WATCH_INTERVAL_S = Number(values["watch-interval"]);
  const WATCH_CYCLES = Number(values["watch-cycles"]);
  if (!(WATCH_INTERVAL_S >= 5) || !(WATCH_CYCLES >= 2) || !(APP_PORT > 0) || !(CF_PORT > 0))
    throw new Error("--watch-interval: at least 5 (s); --watch-cycles: at least 2; --ports: APP,CF");
  /** The orgs' pages and exports are measured on a stack of their own, when a run asks for them. */
  const PAGES_MEASURED = TABLES.has("uniform") || GROUP_COUNTS.length > 0 || TABLES.has("foundation");
  const GROUP_LOADS = Number(values["group-loads"]);
  if (
    !GROUP_COUNTS.every((n) => Number.isInteger(n) && n >= 0 && n <= 20_000) ||
    !(GROUP_LOADS >= 1) ||
    !(Number(values["export-loads"]) >= 1) ||
    !(Number(values["read-runs"]) >= 1)
  )
    throw new Error(
      "--groups: whole numbers 0…20000; --group-loads, --export-loads, --read-runs: at least 1",
    );
  if (!SIZES.every((n) => Number.isInteger(n) && n > 0 && n <= 5000) || !(LOADS >= 1) || !(CLI_SAMPLE >= 1))
    throw new Error("--sizes: whole numbers 1…5000; --loads and --cli-sample: at least 1");
  return {
    values,
    SIZES,
    LOADS,
    CLI_SAMPLE,
    TABLES,
    GROUP_COUNTS,
    GROUP_SIZES,
    READ_SIZES,
    APP_PORT,
    CF_PORT,
    WATCH_INTERVAL_S,
    WATCH_CYCLES,
    PAGES_MEASURED,
    GROUP_LOADS,
  };
}
