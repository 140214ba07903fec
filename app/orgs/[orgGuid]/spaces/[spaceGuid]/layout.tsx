import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { isGuid } from "@/lib/cf/ids";
import { attempt } from "@/lib/loaders/attempt";
import { findSpace } from "@/lib/loaders/lookups";

/** A space that does not exist, is hidden from this user, or belongs to another org is a 404. */
export default async function SpaceLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ orgGuid: string; spaceGuid: string }>;
}) {
  const { orgGuid, spaceGuid } = await params;
  if (!isGuid(spaceGuid)) notFound();
  const space = await attempt(({ client }) => findSpace(client, spaceGuid));
  if (space.ok && (!space.value || space.value.relationships.organization.data.guid !== orgGuid)) notFound();
  return children;
}
