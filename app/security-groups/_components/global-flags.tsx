import { Globe } from "lucide-react";
import type { SecurityGroupView } from "@/lib/view-models/security-groups";
import { LIFECYCLE_LABELS } from "./labels";

/** The platform-wide flags in words ("Running: platform-wide"), never colour alone. */
export function GlobalFlags({ global }: { global: SecurityGroupView["global"] }) {
  const enabled = (["running", "staging"] as const).filter((lifecycle) => global[lifecycle]);
  if (enabled.length === 0) return <span className="text-base-dark">Not platform-wide</span>;
  return (
    <ul className="space-y-1">
      {enabled.map((lifecycle) => (
        <li key={lifecycle} className="flex items-center gap-1 whitespace-nowrap">
          <Globe aria-hidden="true" className="size-4 shrink-0 text-primary" />
          {LIFECYCLE_LABELS[lifecycle]}: platform-wide
        </li>
      ))}
    </ul>
  );
}
