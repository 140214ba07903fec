import type { Posture } from "@/lib/egress";

/** Words for the UI, importable from client components without pulling in the engine. */

export const POSTURES: readonly Posture[] = ["closed", "trusted-local", "public", "both", "custom"];

export const POSTURE_LABELS: Record<Posture, string> = {
  closed: "Closed",
  "trusted-local": "Trusted local",
  public: "Public",
  both: "Both",
  custom: "Custom",
};

/** "Public", or "Public (platform-wide)" when the platform itself gives every space that posture. */
export function postureLabel(posture: Posture, platformWide = false): string {
  return platformWide ? `${POSTURE_LABELS[posture]} (platform-wide)` : POSTURE_LABELS[posture];
}

/** What the platform opens for every space, in words: "public egress", "public and trusted local egress". */
export function platformOpens(platform: Posture): string | null {
  switch (platform) {
    case "closed":
      return null;
    case "public":
      return "public egress";
    case "trusted-local":
      return "trusted local egress";
    case "both":
      return "public and trusted local egress";
    case "custom":
      return "egress beyond the profiles";
  }
}
