import { expect, type APIRequestContext } from "@playwright/test";
import { ids, seed } from "../../sim/seed";

/**
 * The change history as the platform admin reads it (every org's activity
 * CSV), for checking that a refused call left no entry. Drift is left out:
 * it is the dashboard noticing CF, not something a call did. An entry is
 * keyed by when, space, who and request id, not by its words, which change
 * when the drift check settles an earlier entry's unknown outcome.
 */

const KINDS = "kind=change&kind=failure&kind=request&kind=policy";

/** RFC 4180 fields of CSV text (quoted fields, doubled quotes, CRLF). */
export function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n") {
      row.push(field.replace(/\r$/, ""));
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}

export type HistoryRow = { key: string; kind: string; what: string };

/** Every entry of every org but drift, keyed `org | when | space | who | request id`, sorted by key. */
export async function historyRows(admin: APIRequestContext): Promise<HistoryRow[]> {
  const rows: HistoryRow[] = [];
  for (const org of Object.values(ids.orgs)) {
    const response = await admin.get(`/orgs/${org}/activity.csv?${KINDS}`);
    expect(response.status(), await response.text()).toBe(200);
    const [header, ...lines] = csvRows(await response.text());
    expect(header).toEqual(["when", "space", "who", "kind", "what", "request id"]);
    for (const [when, space, who, kind = "", what = "", requestId] of lines)
      rows.push({ key: [org, when, space, who, requestId].join(" | "), kind, what });
  }
  return rows.sort((a, b) => a.key.localeCompare(b.key));
}

export async function historyKeys(admin: APIRequestContext): Promise<string[]> {
  return (await historyRows(admin)).map((r) => r.key);
}

/** The entries added since `before` (a multiset difference of keys). */
export function added(before: readonly HistoryRow[], after: readonly HistoryRow[]): HistoryRow[] {
  const left = new Map<string, number>();
  for (const r of before) left.set(r.key, (left.get(r.key) ?? 0) + 1);
  return after.filter((r) => {
    const n = left.get(r.key) ?? 0;
    if (n === 0) return true;
    left.set(r.key, n - 1);
    return false;
  });
}

/** Entries as `[org name, kind, what]`, sorted by org name: what a whole-org change recorded in each org. */
export function byOrgName(entries: readonly HistoryRow[]): [string, string, string][] {
  const orgName = new Map(seed.orgs.map((o) => [o.guid, o.name]));
  return entries
    .map((e): [string, string, string] => [orgName.get(e.key.split(" | ")[0] ?? "") ?? "?", e.kind, e.what])
    .sort((a, b) => a[0].localeCompare(b[0]));
}
