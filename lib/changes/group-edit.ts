import "server-only";
import type { ActionContext } from "@/lib/actions/define-action";
import type { CfClient } from "@/lib/cf/client";
import { cfGroupEditCommands } from "@/lib/cf/commands";
import { listOrganizations } from "@/lib/cf/orgs";
import type { SecurityGroup } from "@/lib/cf/schemas";
import { listSecurityGroups, updateSecurityGroup } from "@/lib/cf/security-groups";
import { listSpaceSummaries } from "@/lib/cf/spaces";
import type { GroupEditDetails, GroupEditIntent } from "@/lib/db/types";
import { groupFindings, lintGroupOfCf } from "@/lib/view-models/group-lint";
import { LIFECYCLES, type Lifecycle } from "@/lib/egress";
import {
  editedGroup,
  groupEditPreview,
  type GroupEdit,
  type GroupEditPreview,
} from "@/lib/egress/group-edit";
import type { Finding } from "@/lib/egress/lint";
import { loadPlatform } from "@/lib/egress/load-catalog";
import { env } from "@/lib/env";
import { getDatabase } from "@/lib/db";
import { describeError } from "@/lib/log";
import { failure, MESSAGES, toFailure } from "@/lib/failures";
import { cfErrorOf, readBeforeChange, type Outcome } from "./apply";

/**
 * A security group's edit, server side (docs/design.md §13, "Group edits"):
 * the foundation read in three list requests (every group, space and org, at
 * per_page=5000, whatever its size), the impact computed by the engine
 * (lib/egress/group-edit.ts), and the write sent with the admin's own token,
 * recorded like a bind: intents first, one per org the edit concerns, then
 * the PATCH, then its outcome.
 */

export type Foundation = {
  groups: SecurityGroup[];
  spaces: { guid: string; name: string; orgGuid: string }[];
  orgs: { guid: string; name: string }[];
};

export async function readFoundation(client: CfClient): Promise<Foundation> {
  const [groups, spaces, orgs] = await Promise.all([
    listSecurityGroups(client),
    listSpaceSummaries(client),
    listOrganizations(client),
  ]);
  return {
    groups,
    spaces: spaces.map((s) => ({
      guid: s.guid,
      name: s.name,
      orgGuid: s.relationships.organization.data.guid,
    })),
    orgs: orgs.map((o) => ({ guid: o.guid, name: o.name })),
  };
}

export type GroupEditPlan = {
  before: SecurityGroup;
  after: SecurityGroup;
  rulesChanged: boolean;
  flags: { lifecycle: Lifecycle; on: boolean }[];
  preview: GroupEditPreview;
  commands: string[];
  /** Group lint of the group as it would be. */
  findings: Finding[];
};

/** What the edit would do, from the foundation as CF shows it now; null when the group is not there. */
export function planGroupEdit(foundation: Foundation, edit: GroupEdit): GroupEditPlan | null {
  const before = foundation.groups.find((g) => g.guid === edit.groupGuid);
  if (!before) return null;
  const after = editedGroup(before, edit);
  const rulesChanged = JSON.stringify(before.rules) !== JSON.stringify(after.rules);
  const flags = LIFECYCLES.filter((l) => before.globally_enabled[l] !== after.globally_enabled[l]).map(
    (lifecycle) => ({ lifecycle, on: after.globally_enabled[lifecycle] }),
  );
  const platform = loadPlatform();
  const preview = groupEditPreview({ ...foundation, edit, catalog: platform.catalog });
  const others = foundation.groups.filter((g) => g.guid !== after.guid);
  const findings = groupFindings(
    [lintGroupOfCf(after)],
    [...others, after]
      .filter((g) => g.globally_enabled.running || g.globally_enabled.staging)
      .map(lintGroupOfCf),
    { ...platform, dynamicAsgs: env().dynamicAsgs, seesAllBindings: true },
  );
  return {
    before,
    after,
    rulesChanged,
    flags,
    preview,
    commands: cfGroupEditCommands({ group: before.name, rulesChanged, flags }),
    findings: findings[after.guid] ?? [],
  };
}

/** The foundation read before a change: a failure here means nothing was sent. */
export function readFoundationBeforeChange(client: CfClient): Promise<Foundation> {
  return readBeforeChange(() => readFoundation(client));
}

/**
 * One entry per org the edit concerns: each org where a space's reach changes, and each org where
 * the group is bound (its spaces' groups changed, even where no catalog destination moves).
 */
export function groupEditIntents(
  ctx: Pick<ActionContext, "session" | "requestId">,
  foundation: Foundation,
  plan: GroupEditPlan,
): GroupEditIntent[] {
  const orgOf = new Map(foundation.spaces.map((s) => [s.guid, s.orgGuid]));
  const orgGuids = new Set(plan.preview.orgs.map((o) => o.org.guid));
  for (const lifecycle of LIFECYCLES)
    for (const { guid } of plan.before.relationships[`${lifecycle}_spaces`].data) {
      const org = orgOf.get(guid);
      if (org !== undefined) orgGuids.add(org);
    }
  const base: Omit<GroupEditDetails, "spaces"> = {
    ...(plan.rulesChanged ? { rules: { before: plan.before.rules, after: plan.after.rules } } : {}),
    globallyEnabled: { before: plan.before.globally_enabled, after: plan.after.globally_enabled },
    command: plan.commands.join("\n"),
  };
  return [...orgGuids].sort().map((orgGuid) => ({
    user: { guid: ctx.session.user.id, name: ctx.session.user.name },
    orgGuid,
    group: { guid: plan.before.guid, name: plan.before.name },
    requestId: ctx.requestId,
    details: {
      ...base,
      spaces: orgSpaces(plan.preview, orgGuid),
    },
  }));
}

/** One org's spaces whose reach changes, as its history entry holds them (labels, not ids). */
export function orgSpaces(preview: GroupEditPreview, orgGuid: string): GroupEditDetails["spaces"] {
  return preview.spaces
    .filter((s) => s.org.guid === orgGuid)
    .map((s) => ({
      guid: s.space.guid,
      name: s.space.name,
      lifecycle: s.lifecycle,
      opens: s.opens.map((d) => d.label),
      closes: s.closes.map((d) => d.label),
    }));
}

export type GroupEditOutcome = Outcome & { unrecorded: boolean; orgs: number };

/**
 * The recorded write: intents, the PATCH, the outcome. No history, no change: when the intents
 * cannot be written, nothing is sent.
 */
export async function applyGroupEditRecorded(
  ctx: ActionContext,
  plan: GroupEditPlan,
  intents: GroupEditIntent[],
): Promise<GroupEditOutcome> {
  let ids: number[];
  const store = await getDatabase().catch(() => null);
  try {
    if (!store) throw new Error("history store did not open");
    ids = await store.recordGroupEditIntents(intents);
  } catch (error) {
    ctx.log.error({ err: describeError(error) }, "history: group edit intent not written; nothing changed");
    return {
      ok: false,
      failure: failure("unavailable", MESSAGES.historyUnavailable),
      cfError: null,
      unrecorded: false,
      orgs: 0,
    };
  }
  const body = {
    ...(plan.rulesChanged ? { rules: plan.after.rules } : {}),
    ...(plan.flags.length > 0
      ? { globally_enabled: Object.fromEntries(plan.flags.map((f) => [f.lifecycle, f.on])) }
      : {}),
  };
  let outcome: Outcome;
  try {
    await updateSecurityGroup(ctx.client, plan.before.guid, body);
    outcome = { ok: true };
  } catch (error) {
    outcome = { ok: false, failure: toFailure(error, "write"), cfError: cfErrorOf(error) };
  }
  try {
    await store.recordGroupEditOutcome(
      ids,
      outcome.ok
        ? { outcome: "succeeded" }
        : {
            outcome: outcome.failure.kind === "unconfirmed" ? "unknown" : "failed",
            cfError: outcome.cfError,
            message: outcome.failure.message,
          },
    );
    return { ...outcome, unrecorded: false, orgs: ids.length };
  } catch (error) {
    ctx.log.error({ err: describeError(error), entries: ids }, "history: group edit outcome not written");
    return { ...outcome, unrecorded: true, orgs: ids.length };
  }
}
