import "server-only";
import { cache } from "react";
import { getServerSession } from "@/lib/auth/session";
import { getOrganizationDefaultSegment } from "@/lib/cf/orgs";
import { listEntitledSegments, segmentSpaceGuids } from "@/lib/cf/isolation-segments";
import { listUserRoles } from "@/lib/cf/roles";
import { listSecurityGroups } from "@/lib/cf/security-groups";
import { getCfClient } from "@/lib/cf/session-client";
import { listSpaces } from "@/lib/cf/spaces";
import { loadCatalog } from "@/lib/egress/load-catalog";
import { profiles } from "@/lib/egress/load-profiles";
import { MESSAGES } from "@/lib/failures";
import { policyStateOf } from "@/lib/view-models/org-policy";
import { lastEntries, observationOf, observeAfterResponse } from "./history";
import { findOrganization } from "./lookups";
import { readStoredPolicy } from "./policy";
import { matrixRows, type MatrixRowsJson } from "@/lib/view-models/matrix-rows";
import { buildOrgMatrix, type OrgMatrix } from "@/lib/view-models/org-matrix";

/** How long a matrix took to load from CF and to evaluate, for the Server-Timing header of the export. */
export type MatrixTimings = { cfMs: number; engineMs: number };
const timings = new WeakMap<OrgMatrix, MatrixTimings>();

export function matrixTimings(matrix: OrgMatrix): MatrixTimings | undefined {
  return timings.get(matrix);
}

/**
 * The org page's data, at a constant number of CF requests whatever the
 * number of spaces (design.md §8): the org, its spaces, every visible
 * security group (their relationships carry the bindings), the user's roles,
 * the org's entitled segments and default, then one `relationships/spaces`
 * call per entitled segment. Independent lists go out in parallel.
 *
 * The org's policy is read from the history database alongside the CF
 * requests (not after them), so it adds no database round trip to the
 * page's critical path; each row's compliance is judged in the same pass
 * that evaluates its egress (design.md §10).
 */
export const loadOrgMatrix = cache(async (orgGuid: string): Promise<OrgMatrix | null> => {
  const { client, userId } = await getCfClient();
  const session = await getServerSession();
  const user = {
    isAdmin: session?.user.isAdmin ?? false,
    readsGlobally: session?.user.readsGlobally ?? false,
  };

  const started = performance.now();
  // Anything the history recorded after this moment may not be in the reads below (the drift check).
  const observedAt = Date.now();
  // The org itself is fetched alongside the lists, not before them: one round trip less.
  const [org, spaces, groups, roles, segments, defaultSegment, storedPolicy] = await Promise.all([
    findOrganization(orgGuid),
    listSpaces(client, { orgGuids: [orgGuid] }),
    listSecurityGroups(client),
    listUserRoles(client, userId),
    listEntitledSegments(client, orgGuid),
    getOrganizationDefaultSegment(client, orgGuid),
    readStoredPolicy(orgGuid),
  ]);
  if (!org) return null;
  observeAfterResponse(observationOf(orgGuid, spaces, groups, observedAt));
  const assignments = await Promise.all(
    segments.map(async (segment) => ({ segment, spaces: await segmentSpaceGuids(client, segment.guid) })),
  );
  const spaceSegments = new Map<string, string>();
  for (const { segment, spaces: guids } of assignments)
    for (const guid of guids) spaceSegments.set(guid, segment.guid);

  const loaded = performance.now();
  const catalog = loadCatalog();
  const configured = profiles();
  const matrix = buildOrgMatrix({
    org,
    spaces,
    groups,
    roles,
    user,
    segmentNames: new Map(segments.map((s) => [s.guid, s.name])),
    spaceSegments,
    defaultSegment,
    catalog,
    profiles: configured,
    policy: policyStateOf(storedPolicy, { catalog, profiles: configured }, MESSAGES.policyUnavailable),
  });
  timings.set(matrix, { cfMs: loaded - started, engineMs: performance.now() - loaded });
  return matrix;
});

/** The matrix page's rows: the matrix, and each space's last history entry (one database query). */
/** The matrix and its rows as the page sends them (with each space's last change). */
export type MatrixRowsLoad = { matrix: OrgMatrix; rows: MatrixRowsJson };

export async function loadMatrixRows(orgGuid: string): Promise<MatrixRowsLoad | null> {
  const matrix = await loadOrgMatrix(orgGuid);
  if (!matrix) return null;
  const last = await lastEntries(
    orgGuid,
    matrix.spaces.map((s) => s.guid),
  );
  return { matrix, rows: matrixRows(matrix, last) };
}
