import type { SecurityGroupView } from "@/lib/view-models/security-groups";
import { LIFECYCLE_LABELS } from "./labels";

const MEANING = {
  running: "every running app on the platform",
  staging: "every app while it stages",
} as const;

export function PlatformWide({ global }: { global: SecurityGroupView["global"] }) {
  return (
    <dl className="grid max-w-3xl grid-cols-[auto_1fr] gap-x-6 gap-y-2">
      {(["running", "staging"] as const).map((lifecycle) => (
        <div key={lifecycle} className="contents">
          <dt className="font-bold">{LIFECYCLE_LABELS[lifecycle]}</dt>
          <dd>
            {global[lifecycle]
              ? `${LIFECYCLE_LABELS[lifecycle]}: platform-wide. Applies to ${MEANING[lifecycle]}.`
              : `Not platform-wide. Applies for ${lifecycle} only in the spaces it is bound to.`}
          </dd>
        </div>
      ))}
    </dl>
  );
}
