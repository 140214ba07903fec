import { CircleCheck, CircleMinus, CircleX } from "lucide-react";
import type { DestinationStatus } from "@/lib/egress";

/**
 * Lucide's status icons drawn once per page as SVG symbols; a table of
 * thousands of cells then refers to them with a short <use> instead of
 * repeating each drawing (design.md §8 and §9).
 */
const ICONS = { allowed: CircleCheck, partial: CircleMinus, blocked: CircleX } as const;
const WORDS: Record<DestinationStatus, string> = {
  allowed: "Allowed",
  partial: "Partial",
  blocked: "Blocked",
};

export function StatusIconSprite() {
  return (
    <svg aria-hidden="true" width="0" height="0" className="absolute">
      <defs>
        {(Object.keys(ICONS) as DestinationStatus[]).map((status) => {
          const Icon = ICONS[status];
          return (
            <symbol key={status} id={`status-icon-${status}`} viewBox="0 0 24 24">
              <Icon strokeWidth={2.5} />
            </symbol>
          );
        })}
      </defs>
    </svg>
  );
}

/** An icon and a word, never colour alone. Needs <StatusIconSprite/> on the page. */
export function CompactStatus({ status }: { status: DestinationStatus }) {
  return (
    <span className="status" data-status={status}>
      <svg aria-hidden="true">
        <use href={`#status-icon-${status}`} />
      </svg>
      {WORDS[status]}
    </span>
  );
}
