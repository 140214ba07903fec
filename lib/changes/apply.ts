import "server-only";
import type { CfClient } from "@/lib/cf/client";
import { CfApiError } from "@/lib/cf/errors";
import { spaceSchema, securityGroupListSchema, type SecurityGroup, type Space } from "@/lib/cf/schemas";
import { bindSecurityGroup, unbindSecurityGroup, type Lifecycle } from "@/lib/cf/security-groups";
import type { Profile } from "@/lib/egress";
import { alreadyDone, changeFailureMessage, MESSAGES } from "./messages";

/**
 * Binds and unbinds with the user's own token. Each step re-reads what it
 * relies on from CF (the space and its org, the group), so a forged argument
 * is refused by the same checks as a real one, and CF stays the authority.
 */

export type Outcome = { ok: true } | { ok: false; message: string };

/** The space, if it exists, the user can see it, and it belongs to the org in the URL. */
export async function spaceInOrg(
  client: CfClient,
  orgGuid: string,
  spaceGuid: string,
): Promise<{ ok: true; space: Space } | { ok: false; message: string }> {
  try {
    const space = await client.get(`/v3/spaces/${spaceGuid}`, spaceSchema);
    if (space.relationships.organization.data.guid !== orgGuid) {
      return { ok: false, message: "This space is not in this organization." };
    }
    return { ok: true, space };
  } catch (error) {
    if (error instanceof CfApiError && error.isNotFound) return { ok: false, message: MESSAGES.spaceGone };
    return { ok: false, message: changeFailureMessage(error) };
  }
}

/** A profile's group, if the user can see it (CF lists only visible groups). */
export async function profileGroup(client: CfClient, profile: Profile): Promise<SecurityGroup | null> {
  const { resources } = await client.list("/v3/security_groups", securityGroupListSchema, {
    names: [profile.group],
  });
  return resources.find((g) => g.name === profile.group) ?? null;
}

export async function applyBinding(
  client: CfClient,
  change: { action: "bind" | "unbind"; groupGuid: string; spaceGuids: string[]; lifecycle: Lifecycle },
): Promise<Outcome> {
  try {
    if (change.action === "bind") {
      // One request for every space: CF binds all of them or none.
      await bindSecurityGroup(client, change.groupGuid, change.lifecycle, change.spaceGuids);
    } else {
      for (const spaceGuid of change.spaceGuids) {
        await unbindSecurityGroup(client, change.groupGuid, change.lifecycle, spaceGuid);
      }
    }
    return { ok: true };
  } catch (error) {
    if (alreadyDone(error, change.action)) return { ok: true };
    if (!(error instanceof CfApiError) || error.status >= 500) console.error("egress change failed:", error);
    return { ok: false, message: changeFailureMessage(error) };
  }
}
