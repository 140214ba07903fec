import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { LoadingNote } from "@/components/ui/page-loading";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { isGuid } from "@/lib/cf/ids";
import { attempt, attemptEarly } from "@/lib/loaders/attempt";
import { findOrganization } from "@/lib/loaders/lookups";
import { loadMatrixRows } from "@/lib/loaders/org";
import { OrgEgress } from "./_components/org-egress";
import { OrgHeading } from "./_components/org-heading";

type Params = Promise<{ orgGuid: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { orgGuid } = await params;
  if (!isGuid(orgGuid)) return { title: "Not found" };
  const org = await attempt(({ client }) => findOrganization(client, orgGuid));
  return { title: org.ok && org.value ? `${org.value.name} egress` : "Organization" };
}

/**
 * The org's egress. Its heading comes from the org the layout has read
 * (cached per request), so it is sent at once, with its links to the
 * activity, the policy and the CSV; the matrix needs the spaces, groups,
 * roles and history, and streams in below it behind a loading note.
 */
export default async function OrgPage({ params }: { params: Params }) {
  const { orgGuid } = await params;
  if (!isGuid(orgGuid)) notFound();
  // Started before the heading's read is awaited; OrgEgress awaits it.
  const load = attemptEarly(({ client, user }) => loadMatrixRows(client, user, orgGuid));
  const org = await attempt(({ client }) => findOrganization(client, orgGuid));
  const name = org.ok && org.value ? org.value.name : null;

  return (
    <div className="mx-auto max-w-[100rem] space-y-6 px-4 py-8">
      <Breadcrumbs items={[{ label: name ?? "Organization" }]} />
      {name ? (
        <OrgHeading orgGuid={orgGuid} orgName={name} />
      ) : (
        <h1 className="text-3xl">Organization egress</h1>
      )}
      <Suspense fallback={<LoadingNote what="the organization’s egress" />}>
        <OrgEgress orgGuid={orgGuid} load={load} />
      </Suspense>
    </div>
  );
}
