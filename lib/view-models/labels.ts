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
