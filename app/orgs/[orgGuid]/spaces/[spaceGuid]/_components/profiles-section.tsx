import { SpaceProfileSwitch } from "@/components/egress/space/space-changes";
import type { Lifecycle } from "@/lib/egress";
import type { SpaceDetail } from "@/lib/loaders/space";
import { switchBlock } from "@/lib/view-models/switch-blocks";

function blockFor(detail: SpaceDetail, profileId: string, lifecycle: Lifecycle) {
  const view = detail.egress.profiles.find((p) => p.id === profileId);
  if (!view) return undefined;
  const state = view[lifecycle];
  return switchBlock(
    { ...view, global: state === "global" || state === "bound-and-global" },
    { can_manage: detail.canManage },
    detail.org,
    { isAdmin: detail.isAdmin },
  );
}

/** The profile switches of one lifecycle; a switch the user may not use says why. */
export function ProfileSwitches({ detail, lifecycle }: { detail: SpaceDetail; lifecycle: Lifecycle }) {
  return (
    <div className="flex flex-wrap gap-x-10 gap-y-4">
      {detail.egress.profiles.map((p) => (
        <SpaceProfileSwitch
          key={p.id}
          profileId={p.id}
          label={p.label}
          lifecycle={lifecycle}
          checked={p[lifecycle] !== "off"}
          block={blockFor(detail, p.id, lifecycle)}
        />
      ))}
    </div>
  );
}
