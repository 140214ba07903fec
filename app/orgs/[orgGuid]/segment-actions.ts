"use server";

import { revalidatePath } from "next/cache";
import { defineAction, refuseWith } from "@/lib/actions/define-action";
import { readBeforeChange, rolesBeforeChange, spaceInOrg } from "@/lib/changes/apply";
import { assignSegmentInput } from "@/lib/changes/inputs";
import { mayHaveChanged, moveSpaceRecorded, resultOf } from "@/lib/changes/record";
import { listEntitledSegments } from "@/lib/cf/isolation-segments";
import { getSpaceIsolationSegment } from "@/lib/cf/spaces";
import { decide } from "@/lib/permissions";
import { refusalFailure } from "@/lib/permissions/failure";

/**
 * Moving a space onto an isolation segment (dedicated hosts), or back to the
 * org's default: the same guarantees as the egress changes (the wrapper, the
 * recorded change path, CF's refusals in words). CF decides who may and
 * which segments are allowed: a segment the org is not entitled to is
 * refused by CF with its own words, and nothing changes.
 */
export const assignSegment = defineAction(
  "assignSegment",
  assignSegmentInput,
  async ({ orgGuid, spaceGuid, segmentGuid }, ctx) => {
    const [space, entitled, current, roles] = await Promise.all([
      spaceInOrg(ctx.client, orgGuid, spaceGuid),
      readBeforeChange(() => listEntitledSegments(ctx.client, orgGuid)),
      readBeforeChange(() => getSpaceIsolationSegment(ctx.client, spaceGuid)),
      rolesBeforeChange(ctx.client, ctx.session.user.id),
    ]);
    if (!space.ok) return refuseWith(space.failure);
    const refusal = refusalFailure(decide("move-space-segment", { ...ctx.session.user, roles }, space.org));
    if (refusal) return refuseWith(refusal);
    const named = (guid: string | null) =>
      guid === null ? null : { guid, name: entitled.find((s) => s.guid === guid)?.name ?? guid };
    const to = named(segmentGuid);
    const outcome = await moveSpaceRecorded(ctx, {
      orgGuid,
      space: { guid: spaceGuid, name: space.space.name },
      from: named(current),
      to,
    });
    if (mayHaveChanged(outcome)) {
      revalidatePath(`/orgs/${orgGuid}`);
      revalidatePath(`/orgs/${orgGuid}/spaces/${spaceGuid}`);
    }
    const where = to ? `the isolation segment ${to.name}` : "the org's default placement";
    if (outcome.already)
      return { ok: true, message: `${space.space.name} already runs on ${where}; nothing was changed.` };
    return resultOf(
      outcome,
      `${space.space.name} now runs on ${where}. Running apps move when you restart them (cf restart APP_NAME).`,
    );
  },
);
