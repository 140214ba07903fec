import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Download } from "lucide-react";
import { OrgMatrix } from "@/components/egress/matrix/org-matrix";
import { PlatformNote } from "@/components/egress/platform-note";
import { Alert } from "@/components/ui/alert";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { LoadFailure } from "@/components/ui/load-failure";
import { requireSession } from "@/lib/auth/session";
import { isGuid } from "@/lib/cf/ids";
import { attempt } from "@/lib/loaders/attempt";
import { POSTURE_LABELS, POSTURES } from "@/lib/view-models/labels";
import { loadOrgMatrix } from "@/lib/loaders/org";
import { findOrganization } from "@/lib/loaders/lookups";
import { matrixRows } from "@/lib/view-models/matrix-rows";
import { postureJson } from "@/lib/view-models/org-matrix";

import { bindProfileToSpaces, changeProfile } from "../actions";

type Params = Promise<{ orgGuid: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { orgGuid } = await params;
  if (!isGuid(orgGuid)) return { title: "Not found" };
  const org = await attempt(() => findOrganization(orgGuid));
  return { title: org.ok && org.value ? `${org.value.name} egress` : "Organization" };
}

export default async function OrgPage({ params }: { params: Params }) {
  const { orgGuid } = await params;
  if (!isGuid(orgGuid)) notFound();
  const session = await requireSession();
  const result = await attempt(() => loadOrgMatrix(orgGuid));
  if (result.ok && !result.value) notFound();

  return (
    <div className="mx-auto max-w-[100rem] space-y-6 px-4 py-8">
      <Breadcrumbs
        items={[
          { href: "/orgs", label: "Organizations" },
          { label: result.ok && result.value ? result.value.org.name : "Organization" },
        ]}
      />
      {!result.ok ? (
        <>
          <h1 className="text-3xl">Organization egress</h1>
          <LoadFailure
            what="this organization's egress"
            failure={result.failure}
            requestId={result.requestId}
          />
        </>
      ) : (
        result.value && (
          <>
            <div className="flex flex-wrap items-end justify-between gap-4">
              <div>
                <h1 className="text-3xl">{result.value.org.name}</h1>
                <p className="mt-1 text-base-dark">
                  Egress of each space: the profiles that apply, and what its running apps can reach.
                </p>
              </div>
              <a
                href={`/orgs/${orgGuid}/posture.csv`}
                download
                className="inline-flex min-h-11 items-center gap-2 rounded border-2 border-primary px-4 font-semibold text-primary no-underline hover:bg-primary-lighter"
              >
                <Download aria-hidden="true" className="size-4" />
                Download CSV
              </a>
            </div>

            {result.value.org.suspended && (
              <Alert tone="warning" heading="This org is suspended">
                Cloud Foundry refuses changes to its spaces until an administrator reactivates it.
              </Alert>
            )}
            {!result.value.seesAllSpaces && (
              <Alert tone="info" heading="Only some spaces are listed">
                Cloud Foundry shows you only the spaces of this org where you hold a space role. Spaces where
                you hold no space role are hidden from your role, so this list may not be the whole org.
              </Alert>
            )}

            <Summary counts={countPostures(result.value.spaces.map((s) => s.posture))} />
            <PlatformNote platform={result.value.platform} />

            <OrgMatrix
              initial={matrixRows(postureJson(result.value))}
              context={{
                orgGuid,
                orgName: result.value.org.name,
                suspended: result.value.org.suspended,
                isAdmin: session.user.isAdmin,
                canManageOrg: result.value.canManageOrg,
                destinations: result.value.destinations,
                profiles: result.value.profiles,
                platformPosture: result.value.platform.posture,
              }}
              actions={{ changeProfile, bindProfileToSpaces }}
            />
            <p className="text-sm text-base-dark">
              Destinations from: {result.value.catalogName}. Internal routes are governed by
              container-to-container network policies (<code>cf add-network-policy</code>), not by security
              groups.
            </p>
          </>
        )
      )}
    </div>
  );
}

function countPostures(postures: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const p of postures) counts[p] = (counts[p] ?? 0) + 1;
  return counts;
}

function Summary({ counts }: { counts: Record<string, number> }) {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return (
    <p>
      <strong>{total}</strong> {total === 1 ? "space" : "spaces"}:{" "}
      {POSTURES.map((p) => `${counts[p] ?? 0} ${POSTURE_LABELS[p].toLowerCase()}`).join(", ")}.
    </p>
  );
}
