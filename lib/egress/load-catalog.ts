import "server-only";
import { readFileSync } from "node:fs";
import { env } from "@/lib/env";
import { CatalogError, type Catalog } from "./catalog";
import { defaultPlatform } from "./default-catalog";
import { parsePlatform, type Platform } from "./platform";
import { DEFAULT_PROFILES } from "./profiles";

/**
 * Reads and validates an operator's platform file (catalog and profiles);
 * every failure names the variable, the file and, when the JSON is wrong,
 * the field: `EGRESS_CATALOG_FILE (platform.json): profiles[0].group: must not be empty`.
 */
export function readPlatformFile(file: string): Platform {
  const where = `EGRESS_CATALOG_FILE (${file})`;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new CatalogError([
      `${where}: cannot be read: ${error instanceof Error ? error.message : String(error)}`,
    ]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CatalogError([
      `${where}: is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    ]);
  }
  try {
    return parsePlatform(json, () => DEFAULT_PROFILES);
  } catch (error) {
    if (error instanceof CatalogError) throw new CatalogError(error.problems.map((p) => `${where}: ${p}`));
    throw error;
  }
}

let cached: Platform | undefined;

/**
 * The platform this server runs on: the operator's file when
 * `EGRESS_CATALOG_FILE` names one, else the built-in default. Read once, and
 * first at start-up (instrumentation.ts), so that a bad file stops the server
 * rather than the first page; a change takes effect on restart.
 */
export function loadPlatform(): Platform {
  if (cached === undefined) {
    const file = env().egressCatalogFile;
    cached = file === undefined ? defaultPlatform : readPlatformFile(file);
  }
  return cached;
}

/** The destination catalog of the platform file. */
export function loadCatalog(): Catalog {
  return loadPlatform().catalog;
}
