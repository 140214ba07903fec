import type { Posture } from "@/lib/egress";
import { POSTURE_LABELS, POSTURES } from "@/lib/view-models/labels";

/** "4 spaces: 1 closed, 1 trusted local, …": the org's posture at a glance. */
export function PostureSummary({ postures }: { postures: readonly Posture[] }) {
  const counts = new Map<Posture, number>();
  for (const p of postures) counts.set(p, (counts.get(p) ?? 0) + 1);
  return (
    <p>
      <strong>{postures.length}</strong> {postures.length === 1 ? "space" : "spaces"}:{" "}
      {POSTURES.map((p) => `${counts.get(p) ?? 0} ${POSTURE_LABELS[p].toLowerCase()}`).join(", ")}.
    </p>
  );
}
