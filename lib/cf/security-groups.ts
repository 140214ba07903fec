import "server-only";
import type { Lifecycle } from "./lifecycle";
import type { CfClient } from "./client";
import {
  securityGroupListSchema,
  securityGroupSchema,
  securityGroupSpacesSchema,
  type SecurityGroup,
} from "./schemas";

/** Every security group the user can see; their relationships carry the bindings CF lets them see. */
export async function listSecurityGroups(client: CfClient): Promise<SecurityGroup[]> {
  return (await client.list("/v3/security_groups", securityGroupListSchema)).resources;
}

export async function getSecurityGroup(client: CfClient, guid: string): Promise<SecurityGroup | null> {
  return client.getOrNull(`/v3/security_groups/${guid}`, securityGroupSchema);
}

/** One request binds many spaces; CF binds all or none. Answers every space now bound. */
export async function bindSecurityGroup(
  client: CfClient,
  groupGuid: string,
  lifecycle: Lifecycle,
  spaceGuids: string[],
): Promise<string[]> {
  const body = await client.send(
    "POST",
    `/v3/security_groups/${groupGuid}/relationships/${lifecycle}_spaces`,
    { data: spaceGuids.map((guid) => ({ guid })) },
    securityGroupSpacesSchema,
  );
  return body.data.map((d) => d.guid);
}

export async function unbindSecurityGroup(
  client: CfClient,
  groupGuid: string,
  lifecycle: Lifecycle,
  spaceGuid: string,
): Promise<void> {
  await client.sendNoContent(
    "DELETE",
    `/v3/security_groups/${groupGuid}/relationships/${lifecycle}_spaces/${spaceGuid}`,
  );
}
