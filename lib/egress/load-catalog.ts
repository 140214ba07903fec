import "server-only";
import { readFileSync } from "node:fs";
import { env } from "@/lib/env";
import { CatalogError, parseCatalog, type Catalog } from "./catalog";
import { defaultCatalog } from "./default-catalog";

/** Reads and validates an operator's catalog file; every failure names the file and the variable. */
export function readCatalogFile(file: string): Catalog {
  const where = `EGRESS_CATALOG_FILE (${file})`;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(`${where}: cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${where}: is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return parseCatalog(json);
  } catch (error) {
    if (error instanceof CatalogError) throw new CatalogError(error.problems.map((p) => `${where}: ${p}`));
    throw error;
  }
}

let cached: Catalog | undefined;

/**
 * The catalog this server uses: the operator's file when `EGRESS_CATALOG_FILE`
 * names one, else the built-in default. Read once; a change to the file takes
 * effect on restart, like the rest of the configuration.
 */
export function loadCatalog(): Catalog {
  if (cached === undefined) {
    const file = env().egressCatalogFile;
    cached = file === undefined ? defaultCatalog : readCatalogFile(file);
  }
  return cached;
}
