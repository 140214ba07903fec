import "server-only";
import { cache } from "react";
import type { SignedInUser } from "@/lib/auth/session";
import type { CfClient } from "@/lib/cf/client";
import { listEntitledSegments, segmentSpaceGuids } from "@/lib/cf/isolation-segments";
import { getOrganizationDefaultSegment } from "@/lib/cf/orgs";
import { listUserRoles } from "@/lib/cf/roles";
import { listSecurityGroupsFor } from "@/lib/cf/security-groups";
import { listSpaces } from "@/lib/cf/spaces";
import { observationOf, observeAfterResponse } from "@/lib/db/observe-after-response";
import { lastEntries, readStoredPolicy } from "@/lib/db/page-reads";
import type { StoredPolicy } from "@/lib/db/types";
import type { Catalog, Profile } from "@/lib/egress";
import { GroupIndex } from "@/lib/egress/group-index";
import { loadPlatform } from "@/lib/egress/load-catalog";
import { MESSAGES } from "@/lib/failures";
import { matrixRows, type MatrixRowsJson } from "@/lib/view-models/matrix-rows";
import { buildOrgMatrix, type OrgMatrix } from "@/lib/view-models/org-matrix";
import { policyStateOf } from "@/lib/view-models/org-policy";
import { findOrganization } from "./lookups";

/** How long a matrix took to load from CF and to evaluate, for the Server-Timing header of the export. */
export type MatrixTimings = { cfMs: number; engineMs: number };
const timings = new WeakMap<OrgMatrix, MatrixTimings>();

export function matrixTimings(matrix: OrgMatrix): MatrixTimings | undefined {
  return timings.get(matrix);
}

export type OrgMatrixOptions = {
  catalog: Catalog;
  profiles: readonly Profile[];
  /** The org's stored policy, read alongside CF (null: none; "unavailable": the database is down). */
  policy: Promise<StoredPolicy | null | "unavailable">;
  /** When the reads started: anything the history recorded after it may not be in them (drift). */
  observedAt?: number;
};

/**
 * The org page's CF reads and the matrix built from them, at a number of CF
 * requests that does not grow with the org or the foundation (docs/design.md
 * §8): the org, its spaces, the security groups (their relationships carry
 * the bindings; lib/cf/security-groups.ts, listSecurityGroupsFor, says which
 * it reads), the user's roles, the org's entitled segments and default, then
 * one `relationships/spaces` call per entitled segment. Independent lists go
 * out in parallel, at most two round trips deep. Tests call this with a
 * client of their own and the seeded users.
 */
export async function readOrgMatrix(
  client: CfClient,
  user: SignedInUser,
  orgGuid: string,
  options: OrgMatrixOptions,
): Promise<{ matrix: OrgMatrix; observation: ReturnType<typeof observationOf> } | null> {
  const started = performance.now();
  const observedAt = options.observedAt ?? Date.now();
  const { catalog, profiles } = options;
  const orgSpaces = listSpaces(client, { orgGuids: [orgGuid] });
  // The org itself is fetched alongside the lists, not before them: one round trip less.
  const [org, spaces, groups, roles, segments, defaultSegment, storedPolicy] = await Promise.all([
    findOrganization(client, orgGuid),
    orgSpaces,
    listSecurityGroupsFor(
      client,
      orgSpaces,
      profiles.map((p) => p.group),
      { seesEveryGroup: user.readsGlobally, orgGuid },
    ),
    listUserRoles(client, user.id),
    listEntitledSegments(client, orgGuid),
    getOrganizationDefaultSegment(client, orgGuid),
    options.policy,
  ]);
  if (!org) return null;
  const assignments = await Promise.all(
    segments.map(async (segment) => ({ segment, spaces: await segmentSpaceGuids(client, segment.guid) })),
  );
  const spaceSegments = new Map<string, string>();
  for (const { segment, spaces: guids } of assignments)
    for (const guid of guids) spaceSegments.set(guid, segment.guid);

  const loaded = performance.now();
  // One index of the groups by these spaces, for the matrix and for the drift check.
  const index = new GroupIndex(
    groups,
    spaces.map((s) => s.guid),
  );
  const matrix = buildOrgMatrix({
    index,
    org,
    spaces,
    groups,
    roles,
    user,
    segmentNames: new Map(segments.map((s) => [s.guid, s.name])),
    spaceSegments,
    defaultSegment,
    catalog,
    profiles,
    policy: policyStateOf(storedPolicy, { catalog, profiles }, MESSAGES.policyUnavailable),
  });
  timings.set(matrix, { cfMs: loaded - started, engineMs: performance.now() - loaded });
  // Every group bound to these spaces was read (listSecurityGroupsFor), so the drift check compares them all.
  return { matrix, observation: observationOf(orgGuid, spaces, index, observedAt, true) };
}

/**
 * The org page's matrix, once per request. The org's policy is read from the
 * database alongside the CF requests (not after them), so it adds no round
 * trip to the page's critical path; the drift check runs after the response.
 */
export const loadOrgMatrix = cache(
  async (client: CfClient, user: SignedInUser, orgGuid: string): Promise<OrgMatrix | null> => {
    const read = await readOrgMatrix(client, user, orgGuid, {
      ...loadPlatform(),
      policy: readStoredPolicy(orgGuid),
    });
    if (!read) return null;
    observeAfterResponse(read.observation);
    return read.matrix;
  },
);

/** The matrix and its rows as the page sends them (with each space's last change). */
export type MatrixRowsLoad = { matrix: OrgMatrix; rows: MatrixRowsJson };

/** The matrix page's rows: the matrix, and each space's last history entry (one database query). */
export async function loadMatrixRows(
  client: CfClient,
  user: SignedInUser,
  orgGuid: string,
): Promise<MatrixRowsLoad | null> {
  const matrix = await loadOrgMatrix(client, user, orgGuid);
  if (!matrix) return null;
  const last = await lastEntries(
    orgGuid,
    matrix.spaces.map((s) => s.guid),
  );
  return { matrix, rows: matrixRows(matrix, last) };
}
