import "server-only";
import type { CfClient } from "@/lib/cf/client";
import { CfApiError } from "@/lib/cf/errors";
import { securityGroupListSchema, type SecurityGroup } from "@/lib/cf/schemas";
import { getSecurityGroup } from "@/lib/cf/security-groups";
import { preview, type Catalog, type Lifecycle, type Profile } from "@/lib/egress";
import { cfCommand, takesEffect } from "@/lib/cf/commands";
import { profileGroup, spaceInOrg } from "./apply";
import type { ChangePreview } from "./change-preview";
import { failure, MESSAGES, type Failure } from "@/lib/failures";

/**
 * What a bind or unbind would change for one space, before the user confirms:
 * the space's current groups for the lifecycle (one space-scoped list), the
 * group in question, and the engine's before/after. Four CF requests, in parallel.
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
  const [space, current, group] = await Promise.all([
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
  ]);
  if (!space.ok) return space;
  if (!group) return { ok: false, failure: failure("not-found", MESSAGES.groupInvisible) };

  const relationship = (g: SecurityGroup) =>
    args.lifecycle === "running" ? g.relationships.running_spaces : g.relationships.staging_spaces;
  const lifecycleGroups = {
    global: current.resources.filter((g) => g.globally_enabled[args.lifecycle]),
    bound: current.resources.filter((g) => relationship(g).data.some((d) => d.guid === args.spaceGuid)),
  };
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
    },
  };
}
