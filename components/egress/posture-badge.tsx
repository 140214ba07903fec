import type { Posture } from "@/lib/egress";
import { POSTURE_LABELS } from "@/lib/view-models/labels";

/** The posture in a word, with a tone per posture (styles in globals.css: a thousand rows share them). */
export function PostureBadge({ posture }: { posture: Posture }) {
  return (
    <span className="posture" data-posture={posture}>
      {POSTURE_LABELS[posture]}
    </span>
  );
}
