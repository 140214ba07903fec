import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { isGuid } from "@/lib/cf/ids";
import { attempt } from "@/lib/loaders/attempt";
import { findOrganization } from "@/lib/loaders/lookups";

/** A malformed guid, or an org CF does not show this user, is a 404 with that status. */
export default async function OrgLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ orgGuid: string }>;
}) {
  const { orgGuid } = await params;
  if (!isGuid(orgGuid)) notFound();
  const org = await attempt(({ client }) => findOrganization(client, orgGuid));
  // A CF failure is left to the page, which says what failed and offers a retry.
  if (org.ok && !org.value) notFound();
  return children;
}
