import type { Posture } from "@/lib/egress";
import { POSTURE_LABELS } from "@/lib/views/labels";

const TONE: Record<Posture, string> = {
  closed: "bg-base-lighter text-ink",
  "trusted-local": "bg-info-lighter text-info-darker",
  public: "bg-warning-lighter text-ink",
  both: "bg-primary-lighter text-primary-darker",
  custom: "bg-error-lighter text-error-darker",
};

export function PostureBadge({ posture }: { posture: Posture }) {
  return (
    <span
      className={`inline-block rounded px-2 py-0.5 text-sm font-semibold whitespace-nowrap ${TONE[posture]}`}
    >
      {POSTURE_LABELS[posture]}
    </span>
  );
}
