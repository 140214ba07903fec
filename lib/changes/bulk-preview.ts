import "server-only";
import type { CfClient } from "@/lib/cf/client";
import { cfCommand, cfOrgCommand, takesEffect } from "@/lib/cf/commands";
import { getOrganization } from "@/lib/cf/orgs";
import type { SecurityGroup } from "@/lib/cf/schemas";
import { listSecurityGroupsFor } from "@/lib/cf/security-groups";
import { listSpaces } from "@/lib/cf/spaces";
import type { Catalog, DestinationStatus, Profile, StatusChange } from "@/lib/egress";
import { GroupIndex } from "@/lib/egress/space-egress";
import { failure, MESSAGES, type Failure } from "@/lib/failures";
import { applyOps, type RunningGroups, type SpaceState } from "@/lib/policy";
import type { BulkPreview, BulkSpacePreview } from "./change-preview";
import { readChangeJudge } from "./policy-at-change";

/**
 * What turning a profile on or off for many spaces would do, per space,
 * before Confirm: what opens and closes, what the org's policy says, or that
 * the space is already so. One request for the whole preview, at a constant
 * number of CF requests whatever the number of spaces (the org, its spaces,
 * the groups that matter to them with their bindings, as the org page reads
 * them) and one database read (the policy), all in parallel; never a request
 * per space (docs/design.md §8).
 */

const RANK: Record<DestinationStatus, number> = { blocked: 0, partial: 1, allowed: 2 };

function statusChanges(before: SpaceState, after: SpaceState, catalog: Catalog) {
  const all: StatusChange[] = catalog.destinations.map((d) => ({
    id: d.id,
    label: d.label,
    before: before.destinations[d.id] ?? "blocked",
    after: after.destinations[d.id] ?? "blocked",
  }));
  return {
    opens: all.filter((d) => RANK[d.after] > RANK[d.before]),
    closes: all.filter((d) => RANK[d.after] < RANK[d.before]),
  };
}

const keyOf = (running: RunningGroups<SecurityGroup>) =>
  `${running.bound.map((g) => g.guid).join(",")}|${running.global.map((g) => g.guid).join(",")}`;

export async function previewBulk(
  client: CfClient,
  args: {
    orgGuid: string;
    profile: Profile;
    enabled: boolean;
    /** The spaces asked about; null for every space of the org the user can see. */
    spaceGuids: readonly string[] | null;
    catalog: Catalog;
    dynamicAsgs: boolean;
    /** Whether the user's group list is the foundation's (admins, global readers): see listSecurityGroupsFor. */
    seesEveryGroup: boolean;
  },
): Promise<{ ok: true; preview: BulkPreview } | { ok: false; failure: Failure }> {
  const orgSpaces = listSpaces(client, { orgGuids: [args.orgGuid] });
  const [org, spaces, groups, judge] = await Promise.all([
    getOrganization(client, args.orgGuid),
    orgSpaces,
    listSecurityGroupsFor(client, orgSpaces, [args.profile.group], {
      seesEveryGroup: args.seesEveryGroup,
      orgGuid: args.orgGuid,
    }),
    readChangeJudge(args.orgGuid),
  ]);
  if (!org) return { ok: false, failure: failure("not-found", MESSAGES.orgGone) };
  const group = groups.find((g) => g.name === args.profile.group);
  if (!group) {
    const message = `${args.profile.label} is unavailable. ${MESSAGES.groupInvisible}`;
    return { ok: false, failure: failure("not-found", message) };
  }
  const mine = spaces.filter((s) => s.relationships.organization.data.guid === args.orgGuid);
  const asked = args.spaceGuids === null ? null : new Set(args.spaceGuids);
  const wanted = asked === null ? mine : mine.filter((s) => asked.has(s.guid));
  if (asked !== null && wanted.length < asked.size) {
    const message = `${asked.size - wanted.length} of the spaces are not in this organization, or you cannot see them.`;
    return { ok: false, failure: failure("not-found", message) };
  }

  const index = new GroupIndex(groups);
  const action = args.enabled ? "bind" : "unbind";
  // Spaces with the same groups share one evaluation; only the name (which rule decides) differs.
  const states = new Map<string, SpaceState>();
  const stateOf = (name: string, running: RunningGroups<SecurityGroup>) => {
    const key = keyOf(running);
    let state = states.get(key);
    if (state === undefined) states.set(key, (state = judge.state(name, running)));
    return { ...state, name };
  };
  const previews: BulkSpacePreview[] = [...wanted]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((space) => {
      const running = index.bindings(space.guid).running;
      const isBound = running.bound.some((g) => g.guid === group.guid);
      const already = args.enabled ? isBound : !isBound;
      const before = stateOf(space.name, running);
      const after = already ? before : stateOf(space.name, applyOps(running, [{ action, group }]));
      return {
        guid: space.guid,
        name: space.name,
        already,
        ...statusChanges(before, after, args.catalog),
        policy: judge.judge(before, after),
      };
    });

  const changing = previews.filter((p) => !p.already);
  const base = { lifecycle: "running" as const, group: group.name, org: org.name };
  // Binding to every space of the org is one cf command, when every one of them needs it.
  const whole = args.enabled && mine.length > 0 && changing.length === mine.length;
  const commands = whole
    ? cfOrgCommand(base)
    : changing.map((s) => cfCommand({ ...base, action, space: s.name })).join("\n");
  return {
    ok: true,
    preview: {
      group: group.name,
      spaces: previews,
      commands,
      takesEffect: takesEffect(args.dynamicAsgs, "running"),
    },
  };
}
