import { CircleCheck, CircleMinus, CircleX } from "lucide-react";
import type { DestinationStatus } from "@/lib/egress";

/** Status is never colour alone: an icon and a word, with the colour as a third cue (docs/design.md §9). */
const LOOK: Record<DestinationStatus, { word: string; Icon: typeof CircleCheck; className: string }> = {
  allowed: { word: "Allowed", Icon: CircleCheck, className: "text-success-darker" },
  partial: { word: "Partial", Icon: CircleMinus, className: "text-warning-darker" },
  blocked: { word: "Blocked", Icon: CircleX, className: "text-error-dark" },
};

export function DestinationStatusBadge({ status }: { status: DestinationStatus }) {
  const { word, Icon, className } = LOOK[status];
  return (
    <span className={`inline-flex items-center gap-1 font-semibold whitespace-nowrap ${className}`}>
      <Icon aria-hidden="true" className="size-4 shrink-0" strokeWidth={2.5} />
      {word}
    </span>
  );
}
