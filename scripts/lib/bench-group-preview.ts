/**
 * The foundation table's row for a group edit's preview (docs/design.md §13, "Group edits"): the
 * `previewGroupEdit` server action of /security-groups/<guid>, called as the page's Preview button
 * calls it (a POST with its `next-action` id and the arguments as React encodes them, the way the
 * e2e specs forge actions), as the platform admin, timed from the client. The edit: the seed's
 * trusted_local_networks_egress without its Redis rule, which closes Redis for every space it is
 * bound to (thousands on the realistic foundation). The action's id is read from the build the
 * bench runs (Next's server-reference manifest of that page).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ids } from "../../sim/seed";
import type { Post } from "./bench-route";
import type { SimClient } from "./sim-client";

const GROUP = ids.securityGroups.trustedLocal;
export const PREVIEW_PATH = `/security-groups/${GROUP}`;
export const PREVIEW_LABEL = `previewGroupEdit (${PREVIEW_PATH}): trusted-local without its Redis rule`;

type Rule = { protocol: string; destination: string; ports?: string; description?: string };

/** The action's id in the build under `dist/` (it changes with every build of the actions' file). */
export function previewActionId(dist = "dist"): string {
  const manifest = join(dist, ".next/server/app/security-groups/[guid]/page/server-reference-manifest.json");
  const actions = (
    JSON.parse(readFileSync(manifest, "utf8")) as {
      node: Record<string, { exportedName: string; filename: string }>;
    }
  ).node;
  const found = Object.entries(actions).find(([, a]) => a.exportedName === "previewGroupEdit");
  if (!found) throw new Error(`no previewGroupEdit in ${manifest}`);
  return found[0];
}

/** The POST the Preview button sends: the group's rules as they are, less the Redis rule. */
export async function previewRequest(sim: SimClient, token: string, app: string): Promise<Post> {
  const response = await fetch(`${sim.cfUrl}/v3/security_groups/${GROUP}`, {
    headers: { Authorization: `bearer ${token}` },
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok) throw new Error(`the stand-in answered ${response.status} for trusted-local`);
  const { rules } = (await response.json()) as { rules: Rule[] };
  const kept = rules.filter((r) => r.description !== "Redis");
  if (kept.length !== rules.length - 1) throw new Error("trusted-local has no single Redis rule to remove");
  return {
    headers: {
      accept: "text/x-component",
      "content-type": "text/plain;charset=UTF-8",
      "next-action": previewActionId(),
      origin: app,
    },
    // No argument starts with `$`, so React's reply encoding is plain JSON here.
    body: JSON.stringify([{ groupGuid: GROUP, rules: JSON.stringify(kept, null, 2) }]),
  };
}

/**
 * How many spaces (and lifecycles) the preview lists, from the action's React Flight answer: row 0
 * names the row of the result (`"a":"$@1"`). Throws unless the action answered a preview.
 */
export function previewedSpaces(flight: string): number {
  const rows = new Map<string, string>();
  for (const line of flight.split("\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) rows.set(line.slice(0, colon), line.slice(colon + 1));
  }
  const ref = /"a":"\$@([0-9a-f]+)"/.exec(rows.get("0") ?? "")?.[1];
  const row = ref === undefined ? undefined : rows.get(ref);
  const result = row?.startsWith("{")
    ? (JSON.parse(row) as { ok: boolean; message: string; view?: { spaces: unknown[] } })
    : undefined;
  if (!result?.ok || !Array.isArray(result.view?.spaces))
    throw new Error(`the preview did not answer one: ${result?.message ?? flight.slice(0, 200)}`);
  return result.view.spaces.length;
}
