import Link from "next/link";
import type { Posture } from "@/lib/egress";
import { POSTURE_LABELS, POSTURES } from "@/lib/view-models/labels";

/**
 * "4 spaces: 1 closed, 1 trusted local, …": the org's posture at a glance;
 * with a policy, how many spaces violate it (docs/design.md §10).
 */
export function PostureSummary({
  postures,
  violations,
  policyHref,
}: {
  postures: readonly Posture[];
  /** Spaces that violate the org's policy; undefined when the org has none. */
  violations?: number;
  policyHref?: string;
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
    </p>
  );
}
