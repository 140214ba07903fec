import { z } from "zod";
import { fetchJson, type JsonResult } from "@/lib/http/fetch-json";
import { matrixRowsJsonSchema, type MatrixRowsJson } from "@/lib/view-models/matrix-rows";

/**
 * The matrix's rows from its route, checked field by field. Loaded with zod
 * when the page first refreshes (use-matrix-rows.ts), not with the page:
 * the server-rendered rows need no check (docs/design.md §8, first-load JS).
 */
const schema = matrixRowsJsonSchema(z);

export function fetchRows(url: string): Promise<JsonResult<MatrixRowsJson>> {
  return fetchJson(url, schema);
}
