import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { headers } from "next/headers";
import { MatrixCardLabels } from "@/components/egress/matrix/card-labels";
import { OrgMatrix } from "@/components/egress/matrix/org-matrix";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { LoadFailure } from "@/components/ui/load-failure";
import { requireSession } from "@/lib/auth/session";
import { isGuid } from "@/lib/cf/ids";
import { attempt } from "@/lib/loaders/attempt";
import { findOrganization } from "@/lib/loaders/lookups";
import { loadMatrixRows } from "@/lib/loaders/org";
import { policyIsActive } from "@/lib/view-models/org-policy";
import { bindProfileToSpaces, bringIntoPolicy, changeProfile } from "../actions";
import { OrgHeading } from "./_components/org-heading";
import { OrgNotes } from "./_components/org-notes";
import { PostureSummary } from "./_components/posture-summary";
import { SegmentsSummary } from "./_components/segments-summary";

type Params = Promise<{ orgGuid: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { orgGuid } = await params;
  if (!isGuid(orgGuid)) return { title: "Not found" };
  const org = await attempt(() => findOrganization(orgGuid));
  return { title: org.ok && org.value ? `${org.value.name} egress` : "Organization" };
}

/** The org's egress matrix: every space the user can see, its posture, switches and destinations. */
export default async function OrgPage({ params }: { params: Params }) {
  const { orgGuid } = await params;
  if (!isGuid(orgGuid)) notFound();
  const session = await requireSession();
  const loaded = await attempt(() => loadMatrixRows(orgGuid));
  if (!loaded.ok) {
    return (
      <div className="mx-auto max-w-[100rem] space-y-6 px-4 py-8">
        <Breadcrumbs items={[{ href: "/orgs", label: "Organizations" }, { label: "Organization" }]} />
        <h1 className="text-3xl">Organization egress</h1>
        <LoadFailure
          what="this organization's egress"
          failure={loaded.failure}
          requestId={loaded.requestId}
        />
      </div>
    );
  }
  if (!loaded.value) notFound();
  const { matrix, rows } = loaded.value;
  const policyActive = policyIsActive(matrix.policy.policy);

  return (
    <div className="mx-auto max-w-[100rem] space-y-6 px-4 py-8">
      <Breadcrumbs items={[{ href: "/orgs", label: "Organizations" }, { label: matrix.org.name }]} />
      <OrgHeading orgGuid={orgGuid} orgName={matrix.org.name} />
      <OrgNotes matrix={matrix} historyAvailable={rows.historyAvailable} />
      <PostureSummary
        postures={matrix.spaces.map((s) => s.posture)}
        violations={policyActive ? matrix.spaces.filter((s) => !s.policy.compliant).length : undefined}
        policyHref={`/orgs/${orgGuid}/policy`}
      />
      <SegmentsSummary matrix={matrix} />
      <MatrixCardLabels
        context={{ ...matrix, policyActive }}
        nonce={(await headers()).get("x-nonce") ?? undefined}
      />
      <OrgMatrix
        initial={rows}
        context={{
          orgGuid,
          orgName: matrix.org.name,
          suspended: matrix.org.suspended,
          isAdmin: session.user.isAdmin,
          canManageOrg: matrix.canManageOrg,
          destinations: matrix.destinations,
          profiles: matrix.profiles,
          policyActive,
        }}
        actions={{ changeProfile, bindProfileToSpaces, bringIntoPolicy }}
      />
      <p className="text-sm text-base-dark">
        Destinations from: {matrix.catalogName}. Internal routes are governed by container-to-container
        network policies (<code>cf add-network-policy</code>), not by security groups.
      </p>
    </div>
  );
}
