import type { Organization, SecurityGroup, SpaceSummary } from "@/lib/cf/schemas";
import type { StoredPolicy } from "@/lib/db/types";
import type { Catalog, Posture, Profile } from "@/lib/egress";
import { GroupIndex, type PlatformEgress } from "@/lib/egress/space-egress";
import { evaluateSpace, type SpaceState } from "@/lib/policy";
import { csvText } from "./csv";
import { spaceRunning } from "./foundation-spaces";
import { POSTURES } from "./labels";
import { policyIsActive, policyStateOf } from "./org-policy";

/**
 * The platform team's view (docs/design.md §13): every org the user can see
 * with its spaces counted per running posture, its compliance with its own
 * policy (§10), the spaces with public egress, and the groups the platform
 * enables for every space. Pure: the loader reads CF and the database, this
 * computes, with the engine and the policy judge the org pages use.
 */

/** Whether the org's policy judges its spaces: none (or one judging nothing), in force, unreadable, or stored but unusable. */
export type PolicyStatus = "none" | "active" | "unavailable" | "not-in-force";

export type FoundationOrg = {
  guid: string;
  name: string;
  suspended: boolean;
  spaces: number;
  postures: Record<Posture, number>;
  /** Spaces whose running apps reach public addresses. */
  publicEgress: number;
  policy: PolicyStatus;
  /** Spaces the policy judges compliant and violating (both 0 unless the policy is active). */
  compliant: number;
  violating: number;
};

export type PublicSpace = {
  guid: string;
  name: string;
  org: { guid: string; name: string };
  posture: Posture;
};

export type GroupRef = { guid: string; name: string };

export type Foundation = {
  orgs: FoundationOrg[];
  publicSpaces: PublicSpace[];
  platform: PlatformEgress;
  /** The groups enabled platform-wide, per lifecycle, by name. */
  globalGroups: { running: GroupRef[]; staging: GroupRef[] };
  /** The database could not be read: compliance is not shown. */
  policiesUnavailable: boolean;
};

export type FoundationInput = {
  orgs: readonly Organization[];
  spaces: readonly SpaceSummary[];
  groups: SecurityGroup[];
  policies: ReadonlyMap<string, StoredPolicy> | "unavailable";
  catalog: Catalog;
  profiles: readonly Profile[];
  unavailableMessage: string;
};

const emptyPostures = (): Record<Posture, number> =>
  Object.fromEntries(POSTURES.map((p) => [p, 0])) as Record<Posture, number>;

const refs = (groups: readonly SecurityGroup[]): GroupRef[] =>
  groups.map((g) => ({ guid: g.guid, name: g.name })).sort((a, b) => a.name.localeCompare(b.name));

export function buildFoundation(input: FoundationInput): Foundation {
  const { catalog, profiles } = input;
  const context = { catalog, profiles };
  const index = new GroupIndex(input.groups);
  const runningOf = spaceRunning(index, context);

  const rows = new Map<string, FoundationOrg & { judge: ((s: SpaceState) => boolean) | null }>();
  for (const org of input.orgs) {
    const stored = input.policies === "unavailable" ? "unavailable" : (input.policies.get(org.guid) ?? null);
    const state = policyStateOf(stored, context, input.unavailableMessage);
    const active = state.problem === null && policyIsActive(state.policy);
    // A stored policy that judges no space (no rule, no default) is as good as none.
    const policy: PolicyStatus =
      stored === "unavailable"
        ? "unavailable"
        : state.problem !== null
          ? "not-in-force"
          : active
            ? "active"
            : "none";
    rows.set(org.guid, {
      guid: org.guid,
      name: org.name,
      suspended: org.suspended,
      spaces: 0,
      postures: emptyPostures(),
      publicEgress: 0,
      policy,
      compliant: 0,
      violating: 0,
      judge: active ? (s) => evaluateSpace(s, state.policy, context).compliant : null,
    });
  }
  const publicSpaces: PublicSpace[] = [];
  for (const space of input.spaces) {
    const row = rows.get(space.relationships.organization.data.guid);
    if (!row) continue;
    const running = runningOf(space.guid);
    row.spaces += 1;
    row.postures[running.posture] += 1;
    if (running.public) {
      row.publicEgress += 1;
      publicSpaces.push({
        guid: space.guid,
        name: space.name,
        org: { guid: row.guid, name: row.name },
        posture: running.posture,
      });
    }
    // A policy picks spaces by name: the judge gets the space's own.
    if (row.judge) {
      if (row.judge({ ...running.state(), name: space.name })) row.compliant += 1;
      else row.violating += 1;
    }
  }
  const orgs = [...rows.values()]
    .map(({ judge: _judge, ...row }) => row)
    .sort((a, b) => a.name.localeCompare(b.name));
  publicSpaces.sort((a, b) => a.org.name.localeCompare(b.org.name) || a.name.localeCompare(b.name));
  return {
    orgs,
    publicSpaces,
    platform: index.platform(catalog, profiles),
    globalGroups: { running: refs(index.globalRunning), staging: refs(index.globalStaging) },
    policiesUnavailable: input.policies === "unavailable",
  };
}

/** The org table's filters, read from the page's URL (and the exports', which keep the same keys). */
export type FoundationFilter = { q: string; posture: Posture | null; violations: boolean };

export function foundationFilterOf(params: Record<string, string | string[] | undefined>): FoundationFilter {
  const one = (key: string) => {
    const value = params[key];
    return (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
  };
  const posture = one("posture");
  return {
    q: one("q"),
    posture: (POSTURES as readonly string[]).includes(posture) ? (posture as Posture) : null,
    violations: one("violations") === "1",
  };
}

/** The filter as a URL's query ("" when it keeps everything), for the export links. */
export function foundationSearch(filter: FoundationFilter): string {
  const params = new URLSearchParams();
  if (filter.q !== "") params.set("q", filter.q);
  if (filter.posture !== null) params.set("posture", filter.posture);
  if (filter.violations) params.set("violations", "1");
  const text = params.toString();
  return text === "" ? "" : `?${text}`;
}

/** The orgs the filter keeps: name contains `q`, some space of the posture, some violation. */
export function filterOrgs(orgs: readonly FoundationOrg[], filter: FoundationFilter): FoundationOrg[] {
  const q = filter.q.toLowerCase();
  return orgs.filter(
    (o) =>
      o.name.toLowerCase().includes(q) &&
      (filter.posture === null || o.postures[filter.posture] > 0) &&
      (!filter.violations || o.violating > 0),
  );
}

/** The JSON export: what the page shows, for the orgs the filter keeps. */
export function foundationJson(foundation: Foundation, filter: FoundationFilter) {
  const orgs = filterOrgs(foundation.orgs, filter);
  const kept = new Set(orgs.map((o) => o.guid));
  return {
    orgs: orgs.map((o) => ({
      guid: o.guid,
      name: o.name,
      suspended: o.suspended,
      spaces: o.spaces,
      postures: o.postures,
      public_egress_spaces: o.publicEgress,
      policy: { status: o.policy, compliant: o.compliant, violating: o.violating },
    })),
    public_egress_spaces: foundation.publicSpaces.filter((s) => kept.has(s.org.guid)),
    globally_enabled: foundation.globalGroups,
    policies_unavailable: foundation.policiesUnavailable,
  };
}

/** One row per org, the columns of the page's table. */
export function foundationCsv(orgs: readonly FoundationOrg[]): string {
  return csvText([
    [
      "org_guid",
      "org",
      "suspended",
      "spaces",
      ...POSTURES,
      "public_egress_spaces",
      "policy",
      "compliant",
      "violating",
    ],
    ...orgs.map((o) => [
      o.guid,
      o.name,
      String(o.suspended),
      String(o.spaces),
      ...POSTURES.map((p) => String(o.postures[p])),
      String(o.publicEgress),
      o.policy,
      String(o.compliant),
      String(o.violating),
    ]),
  ]);
}
