import "server-only";
import type { CfClient } from "./client";
import { indexRoles, type UserRoles } from "./role-index";
import { roleListSchema } from "./schemas";

export { indexRoles, type UserRoles } from "./role-index";

/**
 * The signed-in user's roles (all pages of them), read with their own token.
 * What the roles allow is lib/permissions' to say; CF stays the authority.
 */
export async function listUserRoles(client: CfClient, userGuid: string): Promise<UserRoles> {
  const { resources } = await client.list("/v3/roles", roleListSchema, {
    user_guids: [userGuid],
    include: ["space", "organization"],
  });
  return indexRoles(resources);
}
