import { notFound } from "next/navigation";
import { OrgMatrix } from "@/components/egress/matrix/org-matrix";
import { PlatformNote } from "@/components/egress/platform-note";
import { ErrorState } from "@/components/ui/error-state";
import { requireSession } from "@/lib/auth/session";
import type { Attempt } from "@/lib/loaders/attempt";
import { isPlatformWide } from "@/lib/egress/posture";
import type { MatrixRowsLoad } from "@/lib/loaders/org";
import { POSTURES } from "@/lib/view-models/labels";
import { driftOf } from "@/lib/view-models/matrix-rows";
import { policyIsActive } from "@/lib/view-models/org-policy";
import { bindProfileToSpaces, bringIntoPolicy, changeProfile } from "../../actions";
import { OrgNotes } from "./org-notes";
import { PostureSummary } from "./posture-summary";
import { SegmentsSummary } from "./segments-summary";

/** The org's egress matrix: every space the user can see, its posture, switches and destinations. */
export async function OrgEgress({
  orgGuid,
  load,
}: {
  orgGuid: string;
  /** The page's read of the matrix, started alongside its heading's. */
  load: Promise<Attempt<MatrixRowsLoad | null>>;
}) {
  const session = await requireSession();
  const loaded = await load;
  if (!loaded.ok)
    return (
      <ErrorState
        what="this organization's egress"
        message={loaded.failure.message}
        reference={loaded.requestId}
      />
    );
  // The layout answered 404 for an org it could not find; this is one deleted since.
  if (!loaded.value) notFound();
  const { matrix, rows } = loaded.value;
  const policyActive = policyIsActive(matrix.policy.policy);

  return (
    <div className="space-y-6">
      <OrgNotes matrix={matrix} historyAvailable={rows.historyAvailable} />
      <PostureSummary
        postures={matrix.spaces.map((s) => s.posture)}
        violations={policyActive ? matrix.spaces.filter((s) => !s.policy.compliant).length : undefined}
        policyHref={`/orgs/${orgGuid}/policy`}
        drift={driftOf(rows)}
        driftHref={`/orgs/${orgGuid}/activity?kind=drift`}
      />
      <PlatformNote platform={matrix.platform} />
      <SegmentsSummary matrix={matrix} />
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
          platformWide: POSTURES.find((p) => isPlatformWide(p, matrix.platform.posture)) ?? null,
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
