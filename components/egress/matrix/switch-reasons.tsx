import type { MatrixProfile } from "@/lib/view-models/org-matrix";
import { switchBlock } from "@/lib/view-models/switch-blocks";
import type { MatrixContext } from "./types";

/** The id of a reason a switch may be blocked for, written once and referred to by every switch it concerns. */
export function reasonId(profileId: string, short: string): string {
  return `why-${profileId}-${short.toLowerCase().replace(/[^a-z]+/g, "-")}`;
}

/** Each reason once, hidden, as the accessible description of the switches it blocks (a thousand rows, one text). */
export function SwitchReasons({ profiles, context }: { profiles: MatrixProfile[]; context: MatrixContext }) {
  const reasons = new Map<string, string>();
  for (const profile of profiles) {
    for (const canManage of [true, false]) {
      const block = switchBlock(
        { ...profile, global: profile.globalRunning },
        { can_manage: canManage },
        context,
        context,
      );
      if (block) reasons.set(reasonId(profile.id, block.short), block.full);
    }
  }
  return (
    <div hidden>
      {[...reasons].map(([id, text]) => (
        <span key={id} id={id}>
          {text}
        </span>
      ))}
    </div>
  );
}
