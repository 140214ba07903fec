import json from "./default-platform.json";
import { parsePlatform, type Platform } from "./platform";

/**
 * The built-in platform file: cloud.gov's two profiles and its destination
 * table on the stand-in's network (docs/design.md §3). A real platform replaces it
 * through `EGRESS_CATALOG_FILE`. Parsed here like any operator's file, so a
 * mistake in it fails the first test that loads it.
 */
export const defaultPlatform: Platform = parsePlatform(json);

export const defaultCatalog = defaultPlatform.catalog;
