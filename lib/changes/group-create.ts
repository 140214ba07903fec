import "server-only";
import type { ActionContext } from "@/lib/actions/define-action";
import { cfGroupCreateCommands } from "@/lib/cf/commands";
import type { SecurityGroup } from "@/lib/cf/schemas";
import { createSecurityGroup } from "@/lib/cf/security-groups";
import type { GroupEditIntent } from "@/lib/db/types";
import { LIFECYCLES, type Lifecycle } from "@/lib/egress";
import { createdGroup, groupCreatePreview, nameTaken, type GroupCreate } from "@/lib/egress/group-create";
import type { GroupEditPreview } from "@/lib/egress/group-edit";
import type { Finding } from "@/lib/egress/lint";
import { loadPlatform } from "@/lib/egress/load-catalog";
import { env } from "@/lib/env";
import { toFailure } from "@/lib/failures";
import { groupFindings, lintGroupOfCf } from "@/lib/view-models/group-lint";
import { cfErrorOf, type Outcome } from "./apply";
import { orgSpaces, type Foundation } from "./group-edit";
import { recorded, type RecordedOutcome } from "./record";

/**
 * A security group's create, server side (docs/design.md §13, "Group edits"):
 * the same three list requests as an edit, the impact computed from an empty
 * "before" (lib/egress/group-create.ts), and the write sent with the admin's
 * own token, recorded like an edit: intents first, one per org whose spaces'
 * reach it changes, then the POST, then its outcome, with the new group's guid.
 */

export type GroupCreatePlan = {
  /** The group as CF would hold it right after the create. */
  group: SecurityGroup;
  /** Whether the foundation already holds a group of this name: CF would refuse it. */
  nameTaken: boolean;
  /** The platform-wide flags that are on. */
  flags: { lifecycle: Lifecycle; on: boolean }[];
  preview: GroupEditPreview;
  commands: string[];
  /** Group lint of the new group, beside the platform-wide groups it would share spaces with. */
  findings: Finding[];
};

export function planGroupCreate(foundation: Foundation, create: GroupCreate): GroupCreatePlan {
  const group = createdGroup(create);
  const platform = loadPlatform();
  const findings = groupFindings(
    [lintGroupOfCf(group)],
    [...foundation.groups, group]
      .filter((g) => g.globally_enabled.running || g.globally_enabled.staging)
      .map(lintGroupOfCf),
    { ...platform, dynamicAsgs: env().dynamicAsgs, seesAllBindings: true },
  );
  return {
    group,
    nameTaken: nameTaken(foundation.groups, create.name),
    flags: LIFECYCLES.filter((l) => create.globallyEnabled[l]).map((lifecycle) => ({ lifecycle, on: true })),
    preview: groupCreatePreview({ ...foundation, create, catalog: platform.catalog }),
    commands: cfGroupCreateCommands({ group: create.name, globallyEnabled: create.globallyEnabled }),
    findings: findings[group.guid] ?? [],
  };
}

/**
 * One entry per org whose spaces' reach the create changes: a new group is bound to no space, so
 * these are the orgs it opens a destination in, platform-wide. The group's guid is CF's to give:
 * the intents hold none, and the outcome of a create that succeeded writes it (lib/db/events-group.ts).
 */
export function groupCreateIntents(
  ctx: Pick<ActionContext, "session" | "requestId">,
  plan: GroupCreatePlan,
): GroupEditIntent[] {
  const off = { running: false, staging: false };
  return plan.preview.orgs
    .map((o) => o.org.guid)
    .sort()
    .map((orgGuid) => ({
      user: { guid: ctx.session.user.id, name: ctx.session.user.name },
      orgGuid,
      group: { guid: "", name: plan.group.name },
      requestId: ctx.requestId,
      details: {
        created: true,
        rules: { before: [], after: plan.group.rules },
        globallyEnabled: { before: off, after: plan.group.globally_enabled },
        command: plan.commands.join("\n"),
        spaces: orgSpaces(plan.preview, orgGuid),
      },
    }));
}

/** `guid`: the new group's, when CF created it. */
export type GroupCreateOutcome = RecordedOutcome & { orgs: number; guid: string | null };

/** The recorded write: intents, the POST, the outcome. No history, no change. */
export async function applyGroupCreateRecorded(
  ctx: ActionContext,
  plan: GroupCreatePlan,
  intents: GroupEditIntent[],
): Promise<GroupCreateOutcome> {
  let guid: string | null = null;
  const outcome = await recorded(ctx, {
    intent: (store) => store.recordGroupEditIntents(intents),
    write: async (): Promise<Outcome> => {
      try {
        const created = await createSecurityGroup(ctx.client, {
          name: plan.group.name,
          rules: plan.group.rules,
          globally_enabled: plan.group.globally_enabled,
        });
        guid = created.guid;
        return { ok: true };
      } catch (error) {
        return { ok: false, failure: toFailure(error, "write"), cfError: cfErrorOf(error) };
      }
    },
    outcome: (store, ids, result) =>
      store.recordGroupEditOutcome(ids, guid === null ? result : { ...result, createdGuid: guid }),
  });
  if (intents.length === 0)
    ctx.log.info(
      { group: plan.group.name, created: guid, ok: outcome.ok },
      "group create concerns no org: no history entry",
    );
  return { ...outcome, orgs: intents.length, guid };
}
