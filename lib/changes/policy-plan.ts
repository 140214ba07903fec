import "server-only";
import type { ActionContext } from "@/lib/actions/define-action";
import type { ServerSession } from "@/lib/auth/session";
import type { CfClient } from "@/lib/cf/client";
import { getOrganization } from "@/lib/cf/orgs";
import { listUserRoles } from "@/lib/cf/roles";
import type { Organization, SecurityGroup } from "@/lib/cf/schemas";
import { listSecurityGroupsFor } from "@/lib/cf/security-groups";
import { listSpaces } from "@/lib/cf/spaces";
import { failure, FailureError, MESSAGES } from "@/lib/failures";
import { decide } from "@/lib/permissions";
import { readStoredPolicy } from "@/lib/db/page-reads";
import { planSpaces, type Permission, type SpacePlan } from "@/lib/policy";
import { policyStateOf } from "@/lib/view-models/org-policy";
import { opKey, opWords, type BringResult } from "@/lib/view-models/policy-plan";
import { GroupIndex } from "@/lib/egress/space-egress";
import { policyContext } from "./policy";
import { applyRecorded } from "./record";

/**
 * "Bring into policy" on the server (docs/design.md §10): the plan from fresh CF
 * data read with the user's own token (never the browser's copy of it), and
 * its application, one operation at a time, each through the recorded change
 * path, so every bind and unbind is a history entry.
 */

/** `groups`: the groups that matter to the org's spaces (bound, platform-wide, profile), as CF answered just now (what each operation is checked against). */
export type OrgPlan = { org: Organization; revision: number; plans: SpacePlan[]; groups: SecurityGroup[] };

/**
 * The plan for the org's spaces the user can see (or only the given ones),
 * in name order, with the org page's reads: the org, its spaces, the groups
 * bound to them with the platform-wide and profile ones (bindings included;
 * listSecurityGroupsFor), the user's roles.
 */
export async function planOrg(
  client: CfClient,
  user: ServerSession["user"],
  orgGuid: string,
  only?: ReadonlySet<string>,
): Promise<OrgPlan | null> {
  const context = policyContext();
  const orgSpaces = listSpaces(client, { orgGuids: [orgGuid] });
  const [org, spaces, groups, roles, stored] = await Promise.all([
    getOrganization(client, orgGuid),
    orgSpaces,
    listSecurityGroupsFor(
      client,
      orgSpaces,
      context.profiles.map((p) => p.group),
      { seesEveryGroup: user.readsGlobally, orgGuid },
    ),
    listUserRoles(client, user.id),
    readStoredPolicy(orgGuid),
  ]);
  if (!org) return null;
  if (stored === "unavailable") throw new FailureError(failure("unavailable", MESSAGES.policyUnavailable));
  const state = policyStateOf(stored, context, MESSAGES.policyUnavailable);
  const index = new GroupIndex(groups);
  const permission = (spaceGuid: string): Permission => {
    const decision = decide("change-space-egress", { ...user, roles }, org, spaceGuid);
    return decision.allowed ? { canChange: true } : { canChange: false, reason: decision.refusal.message };
  };
  const mine = spaces
    .filter((s) => s.relationships.organization.data.guid === orgGuid && (!only || only.has(s.guid)))
    .sort((a, b) => a.name.localeCompare(b.name));
  const plans = planSpaces(
    mine.map((s) => ({
      guid: s.guid,
      name: s.name,
      running: index.bindings(s.guid).running,
      permission: permission(s.guid),
    })),
    { ...context, policy: state.policy, visibleGroups: groups },
  );
  return { org, revision: state.revision, plans, groups };
}

const sameOps = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((key, i) => key === b[i]);

/**
 * Applies one space's fresh plan if it is still the one the user confirmed
 * (`expected`, the previewed operations). Stops at the first operation CF
 * refuses or does not answer: the planner orders unbinds first, so a space
 * left halfway has lost access rather than gained access the policy forbids.
 */
export async function applySpacePlan(
  ctx: ActionContext,
  fresh: Pick<OrgPlan, "org" | "groups">,
  space: { guid: string; name: string },
  plan: SpacePlan | undefined,
  expected: readonly string[],
): Promise<BringResult> {
  const { org } = fresh;
  const head = { guid: space.guid, name: space.name };
  if (plan === undefined) return { ...head, status: "skipped", message: MESSAGES.spaceGone };
  if (plan.status === "compliant") {
    return { ...head, status: "compliant", message: "It already complies; nothing was changed." };
  }
  if (plan.status === "unattainable") return { ...head, status: "skipped", message: plan.reason };
  if (!sameOps(plan.ops.map(opKey), expected)) {
    return { ...head, status: "skipped", message: MESSAGES.planChanged };
  }
  let unrecorded = false;
  for (const [done, op] of plan.ops.entries()) {
    // The planner made its operations from these very groups, so each is found and each is a change.
    const group = fresh.groups.find((g) => g.guid === op.group.guid);
    if (group === undefined) return { ...head, status: "skipped", message: MESSAGES.planChanged };
    const outcome = await applyRecorded(ctx, {
      orgGuid: org.guid,
      spaces: [head],
      group,
      lifecycle: op.lifecycle,
      action: op.action,
    });
    unrecorded ||= outcome.unrecorded;
    if (!outcome.ok) {
      const progress = done === 0 ? "Nothing was changed" : `${done} of ${plan.ops.length} changes were made`;
      return {
        ...head,
        status: outcome.failure.kind === "unconfirmed" ? "unconfirmed" : "failed",
        message: `${progress}; ${opWords(op)}: ${outcome.failure.message}${unrecorded ? ` ${MESSAGES.outcomeNotRecorded}` : ""}`,
      };
    }
  }
  const what = plan.ops.map(opWords).join(", ");
  return {
    ...head,
    status: "done",
    message: `Now complies: ${what}.${unrecorded ? ` ${MESSAGES.notRecorded}` : ""}`,
  };
}
