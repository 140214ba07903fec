// @ts-check
// CommonJS, as Next's own template names this file: the package is not "type": "module".
const { execFileSync } = require("node:child_process");
const { realpathSync } = require("node:fs");
const path = require("node:path");

const here = __dirname;
const { version } = require("./package.json");

/**
 * Headers that never vary per request. The Content-Security-Policy carries a
 * per-request nonce and HSTS depends on the runtime environment, so both are
 * set in proxy.ts instead (next.config headers are fixed at build time).
 */
const staticSecurityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/**
 * The folder Turbopack and the standalone output's file tracing may read
 * from: this one, unless node_modules is a symlink into another checkout (a
 * git worktree sharing its main checkout's packages), in which case the
 * nearest folder holding both. Both tools refuse files outside their root.
 */
function workspaceRoot() {
  let modules;
  try {
    modules = realpathSync(path.join(here, "node_modules"));
  } catch {
    return here;
  }
  let root = realpathSync(here);
  while (!modules.startsWith(root + path.sep) && path.dirname(root) !== root) root = path.dirname(root);
  return root;
}

/**
 * The build id: the same for every build of one commit, so that instances
 * built apart (or a rebuilt droplet) still accept each other's pages and
 * server actions. APP_BUILD_ID overrides it, e.g. from a CI pipeline.
 */
function buildId() {
  if (process.env.APP_BUILD_ID) return process.env.APP_BUILD_ID;
  try {
    const commit = execFileSync("git", ["rev-parse", "--short=12", "HEAD"], {
      cwd: here,
      stdio: ["ignore", "pipe", "ignore"],
    })
      .toString()
      .trim();
    return `${version}-${commit}`;
  } catch {
    return version; // not a git checkout (a source archive)
  }
}

const root = workspaceRoot();
const build = buildId();

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A self-contained server (`.next/standalone`), assembled into dist/ by scripts/build.mts:
  // what `cf push` uploads, with nothing to install or build on the platform.
  output: "standalone",
  outputFileTracingRoot: root,
  turbopack: { root },
  generateBuildId: () => build,
  // Inlined at build time: /api/health reports them.
  env: { APP_VERSION: version, APP_BUILD_ID: build },
  poweredByHeader: false,
  reactStrictMode: true,
  async headers() {
    return [{ source: "/:path*", headers: staticSecurityHeaders }];
  },
};

module.exports = nextConfig;
