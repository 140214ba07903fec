import "server-only";
import { startAlerts } from "@/lib/alerts";
import { CatalogError } from "@/lib/egress";
import { loadPlatform } from "@/lib/egress/load-catalog";
import type { Platform } from "@/lib/egress/platform";
import { env, EnvError, type Env } from "@/lib/env";
import { closeDatabase } from "@/lib/db";
import { log } from "@/lib/log";
import { onShutdown } from "@/lib/shutdown";
import { startWatcher, watchConfig } from "@/lib/watch";

/**
 * The server's start (instrumentation.ts): every variable and the platform
 * file validated at once, then the shutdown hooks, then one log line saying
 * where the configuration came from (never a value that is secret).
 */

/** Reads and validates all configuration; throws EnvError or CatalogError naming every problem. */
export function checkConfiguration(): { env: Env; platform: Platform } {
  const config = env();
  watchConfig(); // the watcher's variables (lib/watch/config.ts), refused here like the rest
  return { env: config, platform: loadPlatform() };
}

export function startUp(): void {
  let checked: ReturnType<typeof checkConfiguration>;
  try {
    checked = checkConfiguration();
  } catch (error) {
    if (!(error instanceof EnvError) && !(error instanceof CatalogError)) throw error;
    log.fatal({ problems: error.problems }, "refusing to start: the configuration is invalid");
    // The same, as plain text: the first thing an operator reads in `cf logs --recent`.
    console.error(`egress-dashboard: refusing to start.\n${error.message}`);
    process.exit(1);
  }
  const { env: config, platform } = checked;
  // A key from a user-provided service reaches Next.js, which reads only the environment.
  if (config.serverActionsKey && !process.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY) {
    process.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY = config.serverActionsKey;
  }
  // The watcher first: shutdown hooks run in order, and it gives its lease up through the database.
  startWatcher();
  startAlerts(); // before the database closes on shutdown, like the watcher
  onShutdown(closeDatabase);
  log.info(
    {
      version: process.env.APP_VERSION,
      build: process.env.APP_BUILD_ID,
      production: config.isProduction,
      cfApp: config.cfApp?.name,
      cfApiUrl: config.cfApiUrl,
      history: config.databaseUrl ? `PostgreSQL, DATABASE_URL from ${config.origins.databaseUrl}` : "SQLite",
      uaaClient: `${config.uaaClientId}, from ${config.origins.uaaClient}`,
      appOrigin: config.appOrigin ?? "from each request",
      platform: config.egressCatalogFile ?? "built-in",
      profiles: platform.profiles.map((p) => `${p.id}=${p.group}`),
      destinations: platform.catalog.destinations.length,
    },
    "egress dashboard starting",
  );
  if (config.isProduction && config.egressCatalogFile === undefined) {
    log.warn(
      {},
      "EGRESS_CATALOG_FILE is not set: the built-in platform file describes the local stand-in's invented " +
        "network, not this platform's (see docs/platform-file.md)",
    );
  }
}
