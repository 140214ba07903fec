import "server-only";
import type { CfClient } from "@/lib/cf/client";
import { CfApiError } from "@/lib/cf/errors";
import { securityGroupListSchema, type SecurityGroup } from "@/lib/cf/schemas";
import { getSecurityGroup } from "@/lib/cf/security-groups";
import { preview, type Catalog, type Lifecycle, type Profile } from "@/lib/egress";
import { cfCommand, takesEffect } from "@/lib/cf/commands";
import { failure, MESSAGES, type Failure } from "@/lib/failures";
import { applyOps } from "@/lib/policy";
import { profileGroup, spaceInOrg } from "./apply";
import type { ChangePreview, PolicyNote } from "./change-preview";
import { judgesLifecycle, readChangeJudge } from "./policy-at-change";

/**
 * What a bind or unbind would change for one space, before the user confirms:
 * the space's current groups for the lifecycle (one space-scoped list), the
 * group in question, and the engine's before/after. Four CF requests and, for
 * a running change, the org's stored policy (one database read), in parallel.
 * A space already in the asked state is said to be so: its change would be no
 * change, and the action would skip it.
 */
export async function previewChange(
  client: CfClient,
  args: {
    orgGuid: string;
    spaceGuid: string;
    lifecycle: Lifecycle;
    action: "bind" | "unbind";
    target: { profile: Profile } | { groupGuid: string };
    catalog: Catalog;
    dynamicAsgs: boolean;
  },
): Promise<{ ok: true; preview: ChangePreview } | { ok: false; failure: Failure }> {
  const [space, current, group, judge] = await Promise.all([
    spaceInOrg(client, args.orgGuid, args.spaceGuid),
    client
      .list(`/v3/spaces/${args.spaceGuid}/${args.lifecycle}_security_groups`, securityGroupListSchema)
      // A space the user cannot see: spaceInOrg words that.
      .catch((error: unknown) => {
        if (error instanceof CfApiError && error.isNotFound) return { resources: [] };
        throw error;
      }),
    "profile" in args.target
      ? profileGroup(client, args.target.profile)
      : getSecurityGroup(client, args.target.groupGuid),
    judgesLifecycle(args.lifecycle) ? readChangeJudge(args.orgGuid) : null,
  ]);
  if (!space.ok) return space;
  if (!group) return { ok: false, failure: failure("not-found", MESSAGES.groupInvisible) };

  const relationship = (g: SecurityGroup) =>
    args.lifecycle === "running" ? g.relationships.running_spaces : g.relationships.staging_spaces;
  const lifecycleGroups = {
    global: current.resources.filter((g) => g.globally_enabled[args.lifecycle]),
    bound: current.resources.filter((g) => relationship(g).data.some((d) => d.guid === args.spaceGuid)),
  };
  const isBound = lifecycleGroups.bound.some((g) => g.guid === group.guid);
  let policy: PolicyNote = { verdict: "unjudged" };
  if (judge) {
    const name = space.space.name;
    const after = applyOps(lifecycleGroups, [{ action: args.action, group }]);
    policy = judge.judge(judge.state(name, lifecycleGroups), judge.state(name, after));
  }
  const empty = { global: [], bound: [] };
  const result = preview(
    args.lifecycle === "running"
      ? { running: lifecycleGroups, staging: empty }
      : { running: empty, staging: lifecycleGroups },
    { action: args.action, lifecycle: args.lifecycle, group },
    args.catalog,
  );
  return {
    ok: true,
    preview: {
      group: group.name,
      already: args.action === "bind" ? isBound : !isBound,
      opens: result.opens,
      closes: result.closes,
      command: cfCommand({
        action: args.action,
        lifecycle: args.lifecycle,
        group: group.name,
        org: space.org.name,
        space: space.space.name,
      }),
      takesEffect: takesEffect(args.dynamicAsgs, args.lifecycle),
      policy,
    },
  };
}
