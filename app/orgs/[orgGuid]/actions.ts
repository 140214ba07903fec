"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getServerSession } from "@/lib/auth/session";
import { applyBinding, profileGroup, spaceInOrg } from "@/lib/changes/apply";
import { MESSAGES } from "@/lib/changes/messages";
import type { CfClient } from "@/lib/cf/client";
import { guidSchema } from "@/lib/cf/ids";
import { getSecurityGroup } from "@/lib/cf/security-groups";
import { cfClientFor } from "@/lib/cf/session-client";
import { listSpaces } from "@/lib/cf/spaces";
import { profiles } from "@/lib/views/profiles";

/**
 * Egress changes. Every action: the session first, then zod on every
 * argument (ids bound on the client included), then CF with the user's own
 * token, then revalidation of the pages that show the space. Results are
 * typed; nothing is reported as done unless CF confirmed it.
 */

export type ActionResult =
  { ok: true; message: string } | { ok: false; message: string; fieldErrors?: Record<string, string[]> };

const lifecycle = z.enum(["running", "staging"]);
const profileId = z.string().refine((id) => profiles().some((p) => p.id === id), "is not an egress profile");

const profileChange = z.object({
  orgGuid: guidSchema,
  spaceGuid: guidSchema,
  profileId,
  lifecycle,
  enabled: z.boolean(),
});

const groupChange = z.object({
  orgGuid: guidSchema,
  spaceGuid: guidSchema,
  groupGuid: guidSchema,
  lifecycle,
  action: z.enum(["bind", "unbind"]),
});

const bulkBind = z.object({
  orgGuid: guidSchema,
  spaceGuids: z.array(guidSchema).min(1).max(5000),
  profileId,
  lifecycle,
});

function invalid(error: z.ZodError): ActionResult {
  return {
    ok: false,
    message: "The change was refused: its arguments are not valid.",
    fieldErrors: z.flattenError(error).fieldErrors,
  };
}

/** The user's own CF client, or null without a session (actions answer, they do not redirect). */
async function clientFor(): Promise<CfClient | null> {
  const session = await getServerSession();
  return session ? cfClientFor(session) : null;
}

function revalidate(orgGuid: string, spaceGuids: string[]): void {
  revalidatePath("/orgs");
  revalidatePath(`/orgs/${orgGuid}`);
  for (const guid of spaceGuids) revalidatePath(`/orgs/${orgGuid}/spaces/${guid}`);
}

/** Turns a profile on or off for one space and lifecycle. */
export async function changeProfile(input: unknown): Promise<ActionResult> {
  const client = await clientFor();
  if (!client) return { ok: false, message: MESSAGES.signIn };
  const parsed = profileChange.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { orgGuid, spaceGuid, lifecycle, enabled } = parsed.data;
  const profile = profiles().find((p) => p.id === parsed.data.profileId);
  if (!profile) return { ok: false, message: "That is not an egress profile." };

  const [space, group] = await Promise.all([
    spaceInOrg(client, orgGuid, spaceGuid),
    profileGroup(client, profile),
  ]);
  if (!space.ok) return space;
  if (!group) return { ok: false, message: `${profile.label} is unavailable. ${MESSAGES.groupInvisible}` };
  const outcome = await applyBinding(client, {
    action: enabled ? "bind" : "unbind",
    groupGuid: group.guid,
    spaceGuids: [spaceGuid],
    lifecycle,
  });
  if (!outcome.ok) return outcome;
  revalidate(orgGuid, [spaceGuid]);
  return {
    ok: true,
    message: `${profile.label} is now ${enabled ? "on" : "off"} for ${space.space.name}${lifecycle === "staging" ? " (staging)" : ""}.`,
  };
}

/** Binds a profile to many spaces of one org in one request (CF binds all or none). */
export async function bindProfileToSpaces(input: unknown): Promise<ActionResult> {
  const client = await clientFor();
  if (!client) return { ok: false, message: MESSAGES.signIn };
  const parsed = bulkBind.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { orgGuid, spaceGuids, lifecycle } = parsed.data;
  const profile = profiles().find((p) => p.id === parsed.data.profileId);
  if (!profile) return { ok: false, message: "That is not an egress profile." };

  // The org's spaces in one list (not a guids filter: a thousand guids would overflow the URL).
  const orgSpaces = new Set((await listSpaces(client, { orgGuids: [orgGuid] })).map((s) => s.guid));
  const foreign = spaceGuids.filter((guid) => !orgSpaces.has(guid));
  if (foreign.length > 0) {
    return {
      ok: false,
      message: `${foreign.length} of the spaces are not in this organization, or you cannot see them.`,
    };
  }
  const group = await profileGroup(client, profile);
  if (!group) return { ok: false, message: `${profile.label} is unavailable. ${MESSAGES.groupInvisible}` };
  const outcome = await applyBinding(client, {
    action: "bind",
    groupGuid: group.guid,
    spaceGuids,
    lifecycle,
  });
  if (!outcome.ok) return outcome;
  revalidate(orgGuid, spaceGuids);
  return { ok: true, message: `${profile.label} is now on for ${spaceGuids.length} spaces.` };
}

/** Binds or unbinds any group the user can see (the space page's "Advanced"). */
export async function changeGroup(input: unknown): Promise<ActionResult> {
  const client = await clientFor();
  if (!client) return { ok: false, message: MESSAGES.signIn };
  const parsed = groupChange.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { orgGuid, spaceGuid, groupGuid, lifecycle, action } = parsed.data;

  const [space, group] = await Promise.all([
    spaceInOrg(client, orgGuid, spaceGuid),
    getSecurityGroup(client, groupGuid),
  ]);
  if (!space.ok) return space;
  if (!group) return { ok: false, message: MESSAGES.groupInvisible };
  const outcome = await applyBinding(client, { action, groupGuid, spaceGuids: [spaceGuid], lifecycle });
  if (!outcome.ok) return outcome;
  revalidate(orgGuid, [spaceGuid]);
  return {
    ok: true,
    message: `${group.name} is now ${action === "bind" ? "bound to" : "unbound from"} ${space.space.name} for ${lifecycle}.`,
  };
}
