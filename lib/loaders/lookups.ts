import "server-only";
import { cache } from "react";
import { getOrganization } from "@/lib/cf/orgs";
import { getCfClient } from "@/lib/cf/session-client";
import { getSpace } from "@/lib/cf/spaces";

/**
 * Single resources that a route's layout, metadata and page all need, read
 * once per render. The layouts call them to answer 404 before the page
 * streams (a streamed page can no longer change its status).
 */
export const findOrganization = cache(async (guid: string) =>
  getOrganization((await getCfClient()).client, guid),
);

export const findSpace = cache(async (guid: string) => getSpace((await getCfClient()).client, guid));
