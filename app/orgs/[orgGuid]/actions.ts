"use server";

import { revalidatePath } from "next/cache";
import { defineAction, refuse, refuseWith } from "@/lib/actions/define-action";
import { profileGroup, readBeforeChange, rolesBeforeChange, spaceInOrg } from "@/lib/changes/apply";
import {
  bindProfileToSpacesInput,
  bringIntoPolicyInput,
  changeGroupInput,
  changeProfileInput,
  profileIdSchema,
} from "@/lib/changes/inputs";
import { applySpacePlan, planOrg } from "@/lib/changes/policy-plan";
import { applyRecorded, mayHaveChanged, spacesResultOf, type SpacesOutcome } from "@/lib/changes/record";
import { getOrganization } from "@/lib/cf/orgs";
import { getSecurityGroup } from "@/lib/cf/security-groups";
import { listSpaces } from "@/lib/cf/spaces";
import { profiles } from "@/lib/egress/load-profiles";
import { MESSAGES } from "@/lib/failures";
import { decideForSpaces } from "@/lib/permissions";
import { refusalFailure } from "@/lib/permissions/failure";
import type { BringResult } from "@/lib/view-models/policy-plan";

/**
 * Egress changes, each through the one action wrapper (lib/actions): the
 * session, zod on every argument (ids bound on the client included), the
 * work with the user's own token, and no exception escapes. Every write is
 * recorded in the change history (lib/changes/record.ts). Nothing is
 * reported as done unless CF confirmed it, and a space already in the asked
 * state (as CF shows it now, whatever the page showed) is neither sent nor
 * recorded: the result says it was already so.
 */

// The argument schemas are shared with the client (lib/changes/inputs.ts); only the server knows the profiles.
const profileId = profileIdSchema.refine(
  (id) => profiles().some((p) => p.id === id),
  "is not an egress profile",
);

/** Pages to re-render after a change CF may hold now; none when nothing was sent. */
function revalidateAfter(orgGuid: string, outcome: SpacesOutcome): void {
  if (outcome.sent.length > 0 && mayHaveChanged(outcome))
    revalidate(
      orgGuid,
      outcome.sent.map((s) => s.guid),
    );
}

function revalidate(orgGuid: string, spaceGuids: string[]): void {
  revalidatePath("/orgs");
  revalidatePath(`/orgs/${orgGuid}`);
  for (const guid of spaceGuids) revalidatePath(`/orgs/${orgGuid}/spaces/${guid}`);
}

function profileById(id: string) {
  const profile = profiles().find((p) => p.id === id);
  if (!profile) throw new Error(`profile ${id} passed validation but is not configured`);
  return profile;
}

/** Turns a profile on or off for one space and lifecycle. */
export const changeProfile = defineAction(
  "changeProfile",
  changeProfileInput.extend({ profileId }),
  async ({ orgGuid, spaceGuid, lifecycle, enabled, profileId }, ctx) => {
    const profile = profileById(profileId);
    const [space, group, roles] = await Promise.all([
      spaceInOrg(ctx.client, orgGuid, spaceGuid),
      profileGroup(ctx.client, profile),
      rolesBeforeChange(ctx.client, ctx.session.user.id),
    ]);
    if (!space.ok) return refuseWith(space.failure);
    if (!group) return refuse("not-found", `${profile.label} is unavailable. ${MESSAGES.groupInvisible}`);
    const refusal = refusalFailure(
      decideForSpaces("change-space-egress", { ...ctx.session.user, roles }, space.org, [spaceGuid]),
    );
    if (refusal) return refuseWith(refusal);
    const outcome = await applyRecorded(ctx, {
      orgGuid,
      spaces: [{ guid: spaceGuid, name: space.space.name }],
      group,
      lifecycle,
      action: enabled ? "bind" : "unbind",
    });
    revalidateAfter(orgGuid, outcome);
    const where = `${space.space.name}${lifecycle === "staging" ? " (staging)" : ""}`;
    const state = enabled ? "on" : "off";
    return spacesResultOf(outcome, {
      done: `${profile.label} is now ${state} for ${where}.`,
      none: `${profile.label} is already ${state} for ${where}; nothing was changed.`,
    });
  },
);

/**
 * Binds a profile to many spaces of one org in one request (CF binds all or
 * none), leaving out the spaces it is already bound to.
 */
export const bindProfileToSpaces = defineAction(
  "bindProfileToSpaces",
  bindProfileToSpacesInput.extend({ profileId }),
  async ({ orgGuid, spaceGuids, lifecycle, profileId }, ctx) => {
    const profile = profileById(profileId);
    // The org's spaces in one list (not a guids filter: a thousand guids would overflow the URL).
    const [orgSpaces, group, org, roles] = await Promise.all([
      readBeforeChange(() => listSpaces(ctx.client, { orgGuids: [orgGuid] })),
      profileGroup(ctx.client, profile),
      readBeforeChange(() => getOrganization(ctx.client, orgGuid)),
      rolesBeforeChange(ctx.client, ctx.session.user.id),
    ]);
    const names = new Map(orgSpaces.map((s) => [s.guid, s.name]));
    const foreign = spaceGuids.filter((guid) => !names.has(guid));
    if (foreign.length > 0) {
      return refuse(
        "not-found",
        `${foreign.length} of the spaces are not in this organization, or you cannot see them. Nothing was changed.`,
      );
    }
    if (!group) return refuse("not-found", `${profile.label} is unavailable. ${MESSAGES.groupInvisible}`);
    if (!org) return refuse("not-found", MESSAGES.orgGone);
    const refusal = refusalFailure(
      decideForSpaces("change-space-egress", { ...ctx.session.user, roles }, org, spaceGuids),
    );
    if (refusal) return refuseWith(refusal);
    const outcome = await applyRecorded(ctx, {
      orgGuid,
      spaces: [...new Set(spaceGuids)].map((guid) => ({ guid, name: names.get(guid) ?? guid })),
      group,
      lifecycle,
      action: "bind",
    });
    revalidateAfter(orgGuid, outcome);
    const spaces = (n: number) => `${n} ${n === 1 ? "space" : "spaces"}`;
    const already =
      outcome.already.length > 0 ? `, and was already on for ${spaces(outcome.already.length)}` : "";
    return spacesResultOf(outcome, {
      done: `${profile.label} is now on for ${spaces(outcome.sent.length)}${already}.`,
      none: `${profile.label} is already on for ${outcome.already.length === 1 ? "this space" : `all ${spaces(outcome.already.length)}`}; nothing was changed.`,
    });
  },
);

/**
 * "Bring into policy" (docs/design.md §10) for the spaces the user confirmed, each
 * with the operations they saw in the preview. The plan is made again here
 * from fresh CF data with the user's token; a space is changed only if that
 * plan is still the one confirmed, and compliant spaces are never touched.
 * Answers each space's result; the dialog sends a few spaces per call.
 */
export const bringIntoPolicy = defineAction(
  "bringIntoPolicy",
  bringIntoPolicyInput,
  async ({ orgGuid, revision, spaces }, ctx) => {
    const fresh = await readBeforeChange(() =>
      planOrg(ctx.client, ctx.session.user, orgGuid, new Set(spaces.map((s) => s.guid))),
    );
    if (!fresh) return refuse("not-found", MESSAGES.orgGone);
    if (fresh.revision !== revision) return refuse("conflict", MESSAGES.policyChanged);
    const plans = new Map(fresh.plans.map((plan) => [plan.space.guid, plan]));
    const results: BringResult[] = [];
    // A space named twice is changed once.
    const wantedSpaces = [...new Map(spaces.map((s) => [s.guid, s])).values()];
    for (const wanted of wantedSpaces) {
      const plan = plans.get(wanted.guid);
      const space = plan?.space ?? { guid: wanted.guid, name: wanted.guid };
      results.push(await applySpacePlan(ctx, fresh, space, plan, wanted.ops));
    }
    revalidate(
      orgGuid,
      spaces.map((s) => s.guid),
    );
    revalidatePath(`/orgs/${orgGuid}/policy`);
    const done = results.filter((r) => r.status === "done").length;
    return {
      ok: true,
      message: `${done} of ${results.length} ${results.length === 1 ? "space" : "spaces"} brought into policy.`,
      results,
    };
  },
);

/** Binds or unbinds any group the user can see (the space page's "Advanced"). */
export const changeGroup = defineAction(
  "changeGroup",
  changeGroupInput,
  async ({ orgGuid, spaceGuid, groupGuid, lifecycle, action }, ctx) => {
    const [space, group, roles] = await Promise.all([
      spaceInOrg(ctx.client, orgGuid, spaceGuid),
      readBeforeChange(() => getSecurityGroup(ctx.client, groupGuid)),
      rolesBeforeChange(ctx.client, ctx.session.user.id),
    ]);
    if (!space.ok) return refuseWith(space.failure);
    if (!group) return refuse("not-found", MESSAGES.groupInvisible);
    const refusal = refusalFailure(
      decideForSpaces("change-space-egress", { ...ctx.session.user, roles }, space.org, [spaceGuid]),
    );
    if (refusal) return refuseWith(refusal);
    const outcome = await applyRecorded(ctx, {
      orgGuid,
      spaces: [{ guid: spaceGuid, name: space.space.name }],
      group,
      lifecycle,
      action,
    });
    revalidateAfter(orgGuid, outcome);
    const verb = action === "bind" ? "bound to" : "unbound from";
    const where = `${space.space.name} for ${lifecycle}`;
    return spacesResultOf(outcome, {
      done: `${group.name} is now ${verb} ${where}.`,
      none: `${group.name} is already ${action === "bind" ? "bound to" : "not bound to"} ${where}; nothing was changed.`,
    });
  },
);
