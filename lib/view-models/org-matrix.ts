import type { Catalog, DestinationStatus, Posture, Profile } from "@/lib/egress";
import type { Organization, SecurityGroup, Space } from "@/lib/cf/schemas";
import { csvText } from "./csv";
import type { UserRoles } from "@/lib/cf/role-index";
import { managesOrg, roleAllows, seesAllSpacesOf } from "@/lib/permissions";
import type { Lifecycle } from "@/lib/egress";
import { evaluateSpace, stateFromEgress, type SpaceState } from "@/lib/policy";
import { NO_POLICY, policyCsvOf, policyJsonOf, type OrgPolicyState, type PolicyJson } from "./org-policy";
import {
  GroupIndex,
  spaceEgress,
  type PlatformEgress,
  type ProfileView,
  type SpaceEgress,
} from "@/lib/egress/space-egress";

/**
 * The org's egress matrix: one row per space the user can see. The same
 * object feeds the page, the JSON export and the CSV export (docs/design.md §5),
 * so the three cannot disagree.
 */

export type LifecycleRow = {
  security_groups: string[];
  destinations: Record<string, DestinationStatus>;
};

export type MatrixRow = {
  guid: string;
  name: string;
  posture: Posture;
  /** Profile id → applies for running (bound or global). */
  profiles: Record<string, boolean>;
  running: LifecycleRow;
  staging: LifecycleRow;
  isolation_segment: string | null;
  can_manage: boolean;
  /** Compliance with the org's policy (docs/design.md §10); compliant with rule null when no rule applies. */
  policy: PolicyJson;
};

/** What every row shares about a profile: whether the user can see its group, whether it is platform-wide. */
export type MatrixProfile = {
  id: string;
  label: string;
  group: string;
  groupGuid: string | null;
  globalRunning: boolean;
  globalStaging: boolean;
};

export type OrgMatrix = {
  org: { guid: string; name: string; suspended: boolean };
  catalogName: string;
  destinations: { id: string; label: string; governed: boolean }[];
  profiles: MatrixProfile[];
  spaces: MatrixRow[];
  /** False for users CF shows only the spaces where they hold a space role (docs/design.md §4). */
  seesAllSpaces: boolean;
  canManageOrg: boolean;
  defaultIsolationSegment: string | null;
  /** The isolation segments the org is entitled to, by name. */
  entitledSegments: string[];
  /** The org's policy, which the rows' compliance was judged against. */
  policy: OrgPolicyState;
  /** What the platform's global groups give every space; a row with that posture is "platform-wide". */
  platform: PlatformEgress;
};

export type OrgMatrixInput = {
  org: Organization;
  spaces: Space[];
  groups: SecurityGroup[];
  roles: UserRoles;
  user: { isAdmin: boolean; readsGlobally: boolean };
  /** Segment guid → name, for the segments entitled to the org. */
  segmentNames: Map<string, string>;
  /** Space guid → segment guid, from one relationships call per segment. */
  spaceSegments: Map<string, string>;
  defaultSegment: string | null;
  catalog: Catalog;
  profiles: readonly Profile[];
  /** The org's policy; none when absent. */
  policy?: OrgPolicyState;
  /** The groups indexed by these spaces, when the caller has built it (the drift check uses the same). */
  index?: GroupIndex;
};

/** What the rows of spaces with the same bindings share (see buildOrgMatrix). */
type Shared = {
  egress: SpaceEgress;
  running: LifecycleRow;
  staging: LifecycleRow;
  profiles: Record<string, boolean>;
  /** The policy's view of the space, but for its name, which each row sets. */
  state: SpaceState;
};

// Records filled in a loop: Object.fromEntries over mapped pairs made two arrays per key, a thousand rows over.
function lifecycleRow(egress: SpaceEgress, which: Lifecycle): LifecycleRow {
  const destinations: Record<string, DestinationStatus> = {};
  for (const d of egress[which].destinations) destinations[d.id] = d.status;
  return { security_groups: egress[which].groups.map((g) => g.name), destinations };
}

function profileColumns(views: readonly ProfileView[]): Record<string, boolean> {
  const columns: Record<string, boolean> = {};
  for (const view of views) columns[view.id] = view.running !== "off";
  return columns;
}

export function buildOrgMatrix(input: OrgMatrixInput): OrgMatrix {
  const orgGuid = input.org.guid;
  const defaultName = input.defaultSegment ? (input.segmentNames.get(input.defaultSegment) ?? null) : null;
  const spaces = input.spaces
    .filter((s) => s.relationships.organization.data.guid === orgGuid)
    .sort((a, b) => a.name.localeCompare(b.name));
  const index =
    input.index ??
    new GroupIndex(
      input.groups,
      spaces.map((s) => s.guid),
    );

  const policyState = input.policy ?? NO_POLICY;
  const actor = { isAdmin: input.user.isAdmin, roles: input.roles };
  const policyContext = { profiles: input.profiles, catalog: input.catalog };

  // Spaces with the same bindings (most have only profile and platform-wide groups) share one evaluation,
  // and the parts of their rows that follow from it: computed once, the same objects in each such row.
  const evaluated = new Map<string, Shared>();
  const sharedOf = (spaceGuid: string): Shared => {
    const bindings = index.bindings(spaceGuid);
    const key = `${bindings.running.bound.map((g) => g.guid).join(",")}|${bindings.staging.bound.map((g) => g.guid).join(",")}`;
    let shared = evaluated.get(key);
    if (shared === undefined) {
      const egress = spaceEgress(bindings, index, input.catalog, input.profiles);
      shared = {
        egress,
        running: lifecycleRow(egress, "running"),
        staging: lifecycleRow(egress, "staging"),
        profiles: profileColumns(egress.profiles),
        state: stateFromEgress("", egress, policyContext),
      };
      evaluated.set(key, shared);
    }
    return shared;
  };

  const rows = spaces.map((space): MatrixRow => {
    const shared = sharedOf(space.guid);
    const segment = input.spaceSegments.get(space.guid);
    return {
      guid: space.guid,
      name: space.name,
      posture: shared.egress.posture,
      profiles: shared.profiles,
      running: shared.running,
      staging: shared.staging,
      // The segment the space actually runs on: its own, else the org default.
      isolation_segment: (segment ? input.segmentNames.get(segment) : undefined) ?? defaultName,
      can_manage: roleAllows("change-space-egress", actor, orgGuid, space.guid),
      // Judged from what the engine just computed for the row: no second evaluation, no CF request.
      policy: policyJsonOf(
        evaluateSpace({ ...shared.state, name: space.name }, policyState.policy, policyContext),
      ),
    };
  });

  return {
    org: { guid: orgGuid, name: input.org.name, suspended: input.org.suspended },
    catalogName: input.catalog.name,
    destinations: input.catalog.destinations.map((d) => ({
      id: d.id,
      label: d.label,
      governed: d.asg_governed,
    })),
    profiles: input.profiles.map((p) => {
      const group = index.byName(p.group);
      return {
        id: p.id,
        label: p.label,
        group: p.group,
        groupGuid: group?.guid ?? null,
        globalRunning: group?.globally_enabled.running ?? false,
        globalStaging: group?.globally_enabled.staging ?? false,
      };
    }),
    spaces: rows,
    seesAllSpaces: seesAllSpacesOf({ ...actor, readsGlobally: input.user.readsGlobally }, orgGuid),
    canManageOrg: managesOrg(actor, orgGuid),
    defaultIsolationSegment: defaultName,
    entitledSegments: [...input.segmentNames.values()].sort((a, b) => a.localeCompare(b)),
    policy: policyState,
    platform: index.platform(input.catalog, input.profiles),
  };
}

/** The export of docs/design.md §5: exactly these keys, spaces in name order. */
export function postureJson(matrix: OrgMatrix) {
  return {
    org: { guid: matrix.org.guid, name: matrix.org.name },
    destinations: matrix.destinations.map(({ id, label }) => ({ id, label })),
    spaces: matrix.spaces.map((s) => ({
      guid: s.guid,
      name: s.name,
      posture: s.posture,
      profiles: s.profiles,
      running: s.running,
      staging: s.staging,
      isolation_segment: s.isolation_segment,
      can_manage: s.can_manage,
      policy: s.policy,
    })),
  };
}

/**
 * `space, posture, <one column per destination label>, running security groups, staging security groups,
 * isolation segment, policy` (policy: "compliant", or the reasons joined with "; ").
 */
export function postureCsv(matrix: OrgMatrix): string {
  const header = [
    "space",
    "posture",
    ...matrix.destinations.map((d) => d.label),
    "running security groups",
    "staging security groups",
    "isolation segment",
    "policy",
  ];
  const rows = matrix.spaces.map((s) => [
    s.name,
    s.posture,
    ...matrix.destinations.map((d) => s.running.destinations[d.id] ?? ""),
    s.running.security_groups.join(";"),
    s.staging.security_groups.join(";"),
    s.isolation_segment ?? "",
    policyCsvOf(s.policy),
  ]);
  return csvText([header, ...rows]);
}
