import "server-only";
import { cache } from "react";
import type { CfClient } from "@/lib/cf/client";
import { getOrganization } from "@/lib/cf/orgs";
import { getSpace } from "@/lib/cf/spaces";

/**
 * Single resources that a route's layout, metadata and page all need, read
 * once per render (cached on the request's one client). The layouts call
 * them to answer 404 before the page streams (a streamed page can no longer
 * change its status).
 */
export const findOrganization = cache((client: CfClient, guid: string) => getOrganization(client, guid));

export const findSpace = cache((client: CfClient, guid: string) => getSpace(client, guid));
