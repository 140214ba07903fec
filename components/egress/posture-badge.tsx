import type { Posture } from "@/lib/egress";
import { postureLabel } from "@/lib/view-models/labels";

/**
 * The posture in a word, with a tone per posture (styles in globals.css: a thousand rows share them),
 * and "(platform-wide)" when the platform itself gives every space this posture.
 */
export function PostureBadge({
  posture,
  platformWide = false,
}: {
  posture: Posture;
  platformWide?: boolean;
}) {
  return (
    <span className="posture" data-posture={posture}>
      {postureLabel(posture, platformWide)}
    </span>
  );
}
