import { z } from "zod";
import { guidSchema } from "@/lib/cf/ids";
import { LIFECYCLES } from "@/lib/egress/space";

/**
 * The arguments of the egress and segment actions (app/orgs/[orgGuid]/
 * actions.ts, segment-actions.ts), one schema each, shared: the action
 * parses what arrives with it (a request may carry anything), and the
 * client components that call the action take their argument types from it
 * (`Action<ChangeProfileInput>`), so tsc checks every call against what the
 * server will accept. Pure, so client components can import the types.
 */

const lifecycle = z.enum(LIFECYCLES);

/** A profile's id. The action also checks that it names a configured profile, which only the server knows. */
export const profileIdSchema = z.string().max(100);

export const changeProfileInput = z.strictObject({
  orgGuid: guidSchema,
  spaceGuid: guidSchema,
  profileId: profileIdSchema,
  lifecycle,
  enabled: z.boolean(),
});

export const bindProfileToSpacesInput = z.strictObject({
  orgGuid: guidSchema,
  spaceGuids: z.array(guidSchema).min(1).max(5000),
  profileId: profileIdSchema,
  lifecycle,
});

/** The spaces the user confirmed, each with the operations (lib/view-models/policy-plan.ts `opKey`) they saw. */
export const bringIntoPolicyInput = z.strictObject({
  orgGuid: guidSchema,
  revision: z.number().int().min(0),
  spaces: z
    .array(
      z.strictObject({
        guid: guidSchema,
        ops: z.array(z.string().regex(/^(bind|unbind):[0-9a-fA-F-]{36}$/)).max(100),
      }),
    )
    .min(1)
    .max(5000),
});

export const changeGroupInput = z.strictObject({
  orgGuid: guidSchema,
  spaceGuid: guidSchema,
  groupGuid: guidSchema,
  lifecycle,
  action: z.enum(["bind", "unbind"]),
});

/** `segmentGuid` null: back to the org's default placement. */
export const assignSegmentInput = z.strictObject({
  orgGuid: guidSchema,
  spaceGuid: guidSchema,
  segmentGuid: guidSchema.nullable(),
});

export type ChangeProfileInput = z.input<typeof changeProfileInput>;
export type BindProfileToSpacesInput = z.input<typeof bindProfileToSpacesInput>;
export type BringIntoPolicyInput = z.input<typeof bringIntoPolicyInput>;
export type ChangeGroupInput = z.input<typeof changeGroupInput>;
export type AssignSegmentInput = z.input<typeof assignSegmentInput>;
