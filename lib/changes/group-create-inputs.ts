import { z } from "zod";
import { rulesTextSchema } from "./group-edit-inputs";

/**
 * The arguments of a group create (app/security-groups/new/actions.ts): the
 * name, the rules as JSON text, exactly what `cf create-security-group NAME
 * FILE` reads from its file, and the two platform-wide flags. The rules'
 * shape is checked as an edit's is (./group-edit-inputs.ts) and what only CF
 * can judge is left to CF; so is the name's uniqueness, which CF refuses in
 * its own words. Pure, so the client form imports it.
 */

/** CF's limit (docs/cf-behaviour.md §2.2). */
export const MAX_GROUP_NAME = 250;

export const groupNameSchema = z
  .string()
  .max(MAX_GROUP_NAME, `At most ${MAX_GROUP_NAME} characters, as Cloud Foundry allows.`)
  // CF refuses a blank name ("Name can't be blank"); a name of spaces only is blank to it too.
  .refine((name) => name.trim().length > 0, "Give the group a name.");

export const groupCreateInput = z.strictObject({
  name: groupNameSchema,
  rules: rulesTextSchema,
  globallyEnabled: z.strictObject({ running: z.boolean(), staging: z.boolean() }),
});

export type GroupCreateInput = z.input<typeof groupCreateInput>;
