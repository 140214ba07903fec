import Link from "next/link";
import type { Posture } from "@/lib/egress";
import { formatTime, isoTime } from "@/lib/view-models/history";
import { POSTURE_LABELS, POSTURES } from "@/lib/view-models/labels";

/**
 * "4 spaces: 1 closed, 1 trusted local, …": the org's posture at a glance;
 * with a policy, how many spaces violate it (docs/design.md §10); and how
 * many were last changed outside the dashboard (drift, docs/design.md §6),
 * linked to those changes in the activity.
 */
export function PostureSummary({
  postures,
  violations,
  policyHref,
  drift,
  driftHref,
}: {
  postures: readonly Posture[];
  /** Spaces that violate the org's policy; undefined when the org has none. */
  violations?: number;
  policyHref?: string;
  /** The spaces whose latest change is drift, and the earliest of those changes; null when none is. */
  drift?: { spaces: number; since: number } | null;
  driftHref?: string;
}) {
  const counts = new Map<Posture, number>();
  for (const p of postures) counts.set(p, (counts.get(p) ?? 0) + 1);
  return (
    <p>
      <strong>{postures.length}</strong> {postures.length === 1 ? "space" : "spaces"}:{" "}
      {POSTURES.map((p) => `${counts.get(p) ?? 0} ${POSTURE_LABELS[p].toLowerCase()}`).join(", ")}.
      {violations !== undefined && (
        <>
          {" "}
          <strong>{violations}</strong> {violations === 1 ? "violates" : "violate"} the org&rsquo;s{" "}
          {policyHref ? (
            <Link href={policyHref} prefetch={false}>
              egress policy
            </Link>
          ) : (
            "egress policy"
          )}
          .
        </>
      )}
      {drift && (
        <>
          {" "}
          <strong>{drift.spaces}</strong> {drift.spaces === 1 ? "space" : "spaces"}{" "}
          {driftHref ? (
            <Link href={driftHref} prefetch={false}>
              changed outside the dashboard
            </Link>
          ) : (
            "changed outside the dashboard"
          )}{" "}
          since <time dateTime={isoTime(drift.since)}>{formatTime(drift.since)}</time>.
        </>
      )}
    </p>
  );
}
