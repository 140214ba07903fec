/**
 * `npm run sim`: starts the stand-in alone.
 *
 *   npm run sim -- --orgs 5 --spaces-per-org 1000 --groups 50   (a large world for benchmarks)
 *   npm run sim -- --org-sizes 10,1000                          (generated orgs of given sizes)
 *   npm run sim -- --shape realistic --groups 20000 --org-sizes 1000,5000 [--foundation-spaces 30000]
 *       (a foundation shaped like the large ones in the field, sim/generate-realistic.ts: most groups
 *       bound to one space, some to hundreds, 3 platform-wide, 1–300 rules each; the generated orgs
 *       sit among orgs of 250 spaces, `foundation-spaces` in all, by default twice the generated
 *       orgs' spaces or the number of groups, whichever is more; --groups up to 20,000)
 *   npm run sim -- --enable-ipv6 --enable-comma-delimited-destinations
 *   npm run sim -- --seed cf-deployment                          (cf-deployment's default groups)
 *   npm run sim -- --dns-port 9053                               (its DNS server, for DNS_SERVER)
 *
 * Never in production: it refuses to start where VCAP_APPLICATION is set or
 * DEPLOY_ENV=production, so a misconfigured deployment cannot sign users into
 * an invented world.
 */
import { parseArgs } from "node:util";
import { BENCH_USER, generateWorld, WORLD_SHAPES, type WorldShapeName } from "./generate";
import { startDns } from "./dns";
import { DEMO_PASSWORD } from "./seed";
import { isSeedName, SEEDS } from "./seeds";
import { startSim, type Sim } from "./server";
import { WATCHER_CLIENT_ID, WATCHER_CLIENT_SECRET } from "./uaa";

if (process.env.VCAP_APPLICATION !== undefined || process.env.DEPLOY_ENV === "production") {
  console.error(
    "stand-in: refusing to start in production (VCAP_APPLICATION or DEPLOY_ENV=production is set): " +
      "it is a pretend Cloud Foundry with known passwords, for development and tests only.",
  );
  process.exit(1);
}

const { values } = parseArgs({
  options: {
    host: { type: "string", default: process.env.SIM_HOST ?? "127.0.0.1" },
    "cf-port": { type: "string", default: process.env.SIM_CF_PORT ?? "9022" },
    "uaa-port": { type: "string", default: process.env.SIM_UAA_PORT ?? "9023" },
    "app-origin": { type: "string", multiple: true },
    orgs: { type: "string" },
    "spaces-per-org": { type: "string" },
    "org-sizes": { type: "string" },
    groups: { type: "string" },
    shape: { type: "string", default: "uniform" },
    "foundation-spaces": { type: "string" },
    "enable-ipv6": { type: "boolean", default: false },
    "enable-comma-delimited-destinations": { type: "boolean", default: false },
    "allow-remote": { type: "boolean", default: false },
    quiet: { type: "boolean", default: false },
    seed: { type: "string", default: process.env.SIM_SEED ?? "cloud-gov" },
    "dns-port": { type: "string", default: process.env.SIM_DNS_PORT },
  },
  strict: true,
});

function count(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number (got "${value}")`);
  return n;
}

if (!isSeedName(values.seed)) {
  console.error(`stand-in: --seed must be one of ${Object.keys(SEEDS).join(", ")} (got "${values.seed}")`);
  process.exit(1);
}
const seed = SEEDS[values.seed];
const orgs = count("orgs", values.orgs);
const spacesPerOrg = count("spaces-per-org", values["spaces-per-org"]);
const groups = count("groups", values.groups);
const orgSizes = values["org-sizes"]
  ? values["org-sizes"].split(",").map((v) => count("org-sizes", v) ?? 0)
  : orgs !== undefined || spacesPerOrg !== undefined
    ? Array.from({ length: orgs ?? 1 }, () => spacesPerOrg ?? 100)
    : undefined;
const shape = values.shape as WorldShapeName;
if (!WORLD_SHAPES.includes(shape)) {
  console.error(`stand-in: --shape must be one of ${WORLD_SHAPES.join(", ")} (got "${values.shape}")`);
  process.exit(1);
}
if ((groups ?? 0) > 20_000) {
  console.error("stand-in: --groups goes up to 20000");
  process.exit(1);
}
const foundationSpaces = count("foundation-spaces", values["foundation-spaces"]);
const world =
  orgSizes || groups || shape === "realistic"
    ? generateWorld(seed, { orgSizes: orgSizes ?? [], groups: groups ?? 0, shape, foundationSpaces })
    : seed;

const port = (name: string, value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new Error(`--${name} must be a port number (got "${value}")`);
  return n;
};

const appOrigins = values["app-origin"] ??
  process.env.SIM_APP_ORIGINS?.split(",").filter(Boolean) ?? [
    "http://localhost:3000",
    "http://127.0.0.1:3000",
  ];

let sim: Sim;
try {
  sim = await startSim({
    host: values.host,
    cfPort: port("cf-port", values["cf-port"]),
    uaaPort: port("uaa-port", values["uaa-port"]),
    seed: world,
    appOrigins,
    dashboardClient: { id: process.env.UAA_CLIENT_ID, secret: process.env.UAA_CLIENT_SECRET },
    flags: {
      enableIpv6: values["enable-ipv6"],
      enableCommaDelimitedDestinations: values["enable-comma-delimited-destinations"],
    },
    allowRemote: values["allow-remote"],
  });
} catch (error) {
  console.error(`stand-in: ${(error as Error).message}`);
  process.exit(1);
}

if (!values.quiet) {
  const names = world.users.map((u) => u.username).filter((n) => n !== BENCH_USER);
  console.log(`Cloud Foundry stand-in
  CF API: ${sim.cfUrl}
  UAA:    ${sim.uaaUrl}
  users:  ${names.join(", ")}${orgSizes ? `, ${BENCH_USER}` : ""} (password: ${DEMO_PASSWORD})
  watcher client: ${WATCHER_CLIENT_ID} / ${WATCHER_CLIENT_SECRET} (client_credentials, cloud_controller.global_auditor)
  world:  ${world.orgs.length} orgs, ${world.spaces.length} spaces, ${world.securityGroups.length} security groups`);
}

// The world's DNS server (sim/dns.ts), on a port of its own, for the dashboard's DNS_SERVER.
const dnsPort = values["dns-port"];
const dns =
  dnsPort === undefined
    ? undefined
    : await startDns({ host: values.host, port: port("dns-port", dnsPort) }).catch((error: Error) => {
        console.error(`stand-in: DNS server: ${error.message}`);
        return process.exit(1);
      });
if (dns && !values.quiet)
  console.log(`  DNS:    udp://${values.host}:${dns.port} (DNS_SERVER=${values.host}:${dns.port})`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void Promise.all([sim.close(), dns?.close()]).then(() => process.exit(0));
  setTimeout(() => process.exit(0), 3_000).unref();
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
