/**
 * Runs once when the server starts. Every piece of configuration is checked
 * here, the platform file (EGRESS_CATALOG_FILE) included: a wrong value stops
 * the server with a message naming the variable, the file and the field,
 * instead of failing on the first request (or, for the catalog, on the first
 * page). Next.js only logs an error thrown here and serves on, hence the exit.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startUp } = await import("@/lib/start-up");
  startUp();
}
