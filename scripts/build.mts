/**
 * `npm run build`: builds the dashboard and assembles dist/, the folder that
 * `cf push` uploads (manifest.yml) and that the demo and the browser tests
 * run, with `node dist/start.cjs`:
 *
 *   dist/start.cjs        the entry point: Next's server with CF's graceful shutdown
 *   dist/server.js        Next's standalone server
 *   dist/.next/           the compiled app and its static files
 *   dist/node_modules/    only the packages the server needs (Next's file tracing)
 *   dist/public/          icons, robots.txt, the web manifest
 *   dist/platforms/       the example platform files (EGRESS_CATALOG_FILE=platforms/….json)
 *   dist/.nvmrc           the Node.js major version, for the Node buildpack
 *
 * Nothing is installed or compiled on the platform: dist/ has no package.json,
 * so the Node buildpack only provides Node.js (see docs/deploy.md). Symlinks
 * are copied as the files they point to, since `cf push` does not reliably
 * upload them.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const project = path.resolve(import.meta.dirname, "..");
const standalone = path.join(project, ".next", "standalone");
const dist = path.join(project, "dist");

if (!process.argv.includes("--assemble-only")) {
  const built = spawnSync("npx", ["next", "build"], {
    cwd: project,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

/**
 * Where Next put server.js: `.next/standalone/` itself, or a subfolder named
 * after this project's path below the tracing root (a worktree whose
 * node_modules lives in another checkout, see next.config.js).
 */
function findServer(dir: string, depth = 0): string | undefined {
  if (existsSync(path.join(dir, "server.js"))) return dir;
  if (depth >= 4) return undefined;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const found = findServer(path.join(dir, entry.name), depth + 1);
    if (found) return found;
  }
  return undefined;
}

const app = existsSync(standalone) ? findServer(standalone) : undefined;
if (!app) {
  console.error(
    `build: no server.js under ${path.relative(project, standalone)}; is output "standalone" set?`,
  );
  process.exit(1);
}

rmSync(dist, { recursive: true, force: true });
cpSync(app, dist, { recursive: true, dereference: true });
cpSync(path.join(project, ".next", "static"), path.join(dist, ".next", "static"), { recursive: true });
cpSync(path.join(project, "public"), path.join(dist, "public"), { recursive: true });
cpSync(path.join(project, "platforms"), path.join(dist, "platforms"), { recursive: true });
cpSync(path.join(project, "scripts", "dist", "start.cjs"), path.join(dist, "start.cjs"));
// Without a package.json the Node buildpack installs nothing (with one, it would run `npm install`
// over the traced node_modules and prune or rebuild them); .nvmrc still picks the Node.js version.
rmSync(path.join(dist, "package.json"), { force: true });
writeFileSync(path.join(dist, ".nvmrc"), `${process.versions.node.split(".")[0]}\n`);
// A local run's SQLite history (DATA_DIR=./data, relative to dist/) must not be pushed.
writeFileSync(path.join(dist, ".cfignore"), "data/\n");

function size(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? size(full) : statSync(full).size;
  }
  return total;
}
console.log(
  `build: dist/ assembled (${(size(dist) / 1024 / 1024).toFixed(1)} MB); run it with node dist/start.cjs`,
);
