/**
 * The org page's two ways of reading security groups, side by side, straight
 * against the stand-in with the user's own token and the same added latency:
 *
 * - whole: every group the user can see, at per_page=5000, the first page and
 *   then the others at once (lib/cf/paging.ts);
 * - by space: the org's spaces first, with the platform-wide groups and the
 *   profiles' by name; then the groups bound to the spaces, one request per
 *   lifecycle and 150 spaces (lib/cf/security-groups.ts).
 *
 * Each read includes the org's spaces list, which the page makes either way,
 * and ends when every page is parsed as the dashboard parses it (JSON, then
 * its zod schema). `npm run bench` prints these beside the page figures: they
 * are why lib/cf/security-groups.ts reads by space only for small orgs.
 */
import { securityGroupListSchema, spaceListSchema } from "../../lib/cf/schemas";
import { median, requestDepth } from "./measure";
import type { SimClient } from "./sim-client";

export type ReadWay = "whole" | "by space";

export type ReadResult = {
  way: ReadWay;
  requests: number;
  depth: number;
  /** Bytes of the security-group answers (the spaces list, the same either way, left out). */
  bytes: number;
  /** Groups in the answers, counting a group once per answer it is in, and once in all. */
  received: number;
  unique: number;
  /** From the first request to the last answer parsed, median of the runs. */
  ms: number;
};

const PER_PAGE = 5000;
const GUIDS_PER_REQUEST = 150;

type Fetched = { bytes: number; guids: string[]; totalPages: number };

/** An answer's text, then its parse: the dashboard asks for the other pages in between (lib/cf/paging.ts). */
async function fetchText(cfUrl: string, token: string, path: string): Promise<string> {
  const response = await fetch(`${cfUrl}${path}`, {
    headers: { authorization: `bearer ${token}`, accept: "application/json" },
    signal: AbortSignal.timeout(120_000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${path.slice(0, 80)} answered ${response.status}`);
  return text;
}

function parsed(path: string, text: string): Fetched {
  const page = (path.startsWith("/v3/spaces") ? spaceListSchema : securityGroupListSchema).parse(
    JSON.parse(text),
  );
  return {
    bytes: Buffer.byteLength(text),
    guids: page.resources.map((r) => r.guid),
    totalPages: page.pagination.total_pages,
  };
}

async function get(cfUrl: string, token: string, path: string): Promise<Fetched> {
  return parsed(path, await fetchText(cfUrl, token, path));
}

const groupsPath = (query: string) => `/v3/security_groups?per_page=${PER_PAGE}${query}`;

async function readWhole(cfUrl: string, token: string, orgGuid: string): Promise<Fetched[]> {
  const [, first] = await Promise.all([
    get(cfUrl, token, `/v3/spaces?per_page=${PER_PAGE}&organization_guids=${orgGuid}`),
    fetchText(cfUrl, token, groupsPath("")),
  ]);
  // As the dashboard does: the other pages go out once page 1's text states how many, before it is parsed.
  const pages = Number(/"total_pages"\s*:\s*(\d+)/.exec(first.slice(0, 4096))?.[1] ?? 1);
  const rest = Array.from({ length: pages - 1 }, (_, i) => groupsPath(`&page=${i + 2}`));
  const others = Promise.all(rest.map((path) => get(cfUrl, token, path)));
  const page1 = parsed(groupsPath(""), first);
  return [page1, ...(await others)];
}

async function readBySpace(cfUrl: string, token: string, orgGuid: string, names: string[]) {
  const [spaces, ...platform] = await Promise.all([
    get(cfUrl, token, `/v3/spaces?per_page=${PER_PAGE}&organization_guids=${orgGuid}`),
    get(cfUrl, token, groupsPath("&globally_enabled_running=true")),
    get(cfUrl, token, groupsPath("&globally_enabled_staging=true")),
    get(cfUrl, token, groupsPath(`&names=${names.map(encodeURIComponent).join(",")}`)),
  ]);
  const paths: string[] = [];
  for (let i = 0; i < spaces.guids.length; i += GUIDS_PER_REQUEST) {
    const chunk = spaces.guids.slice(i, i + GUIDS_PER_REQUEST).join(",");
    paths.push(groupsPath(`&running_space_guids=${chunk}`), groupsPath(`&staging_space_guids=${chunk}`));
  }
  const answers = [...platform, ...(await Promise.all(paths.map((path) => get(cfUrl, token, path))))];
  // The page reads further pages of a filter too; at these sizes none has one, and this says so if one does.
  if (answers.some((a) => a.totalPages > 1)) throw new Error("a filtered read has more than one page");
  return answers;
}

/** Both ways, `runs` times each, one after the other, for one org and one user. */
export async function compareReads(
  sim: SimClient,
  token: string,
  orgGuid: string,
  names: string[],
  runs: number,
): Promise<ReadResult[]> {
  const out: ReadResult[] = [];
  for (const way of ["whole", "by space"] as const) {
    const times: number[] = [];
    let last: { fetched: Fetched[]; requests: number; depth: number } | undefined;
    for (let run = 0; run < runs; run++) {
      await sim.clearRequests();
      const start = performance.now();
      const fetched =
        way === "whole"
          ? await readWhole(sim.cfUrl, token, orgGuid)
          : await readBySpace(sim.cfUrl, token, orgGuid, names);
      times.push(performance.now() - start);
      const log = await sim.requests();
      last = { fetched, requests: log.length, depth: requestDepth(log) };
    }
    if (last === undefined) continue;
    const guids = last.fetched.flatMap((f) => f.guids);
    out.push({
      way,
      requests: last.requests,
      depth: last.depth,
      bytes: last.fetched.reduce((sum, f) => sum + f.bytes, 0),
      received: guids.length,
      unique: new Set(guids).size,
      ms: median(times),
    });
  }
  return out;
}
