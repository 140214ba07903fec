import { parseCatalog, type Catalog } from "./catalog";
import json from "./default-catalog.json";

/**
 * cloud.gov's destination table on the stand-in's network (design.md §3).
 * A real platform replaces it through `EGRESS_CATALOG_FILE`. Parsed here like
 * any operator's file, so a mistake in it fails the first test that loads it.
 */
export const defaultCatalog: Catalog = parseCatalog(json);
