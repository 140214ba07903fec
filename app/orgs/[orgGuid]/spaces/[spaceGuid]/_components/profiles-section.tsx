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

/**
 * The profile switches of one lifecycle. A switch the user may not use says
 * why in words beside it, for everyone: the same sentence is its accessible
 * description (lib/view-models/switch-blocks.ts, from lib/permissions).
 */
export function ProfileSwitches({ detail, lifecycle }: { detail: SpaceDetail; lifecycle: Lifecycle }) {
  return (
    <div className="flex flex-wrap gap-x-10 gap-y-4">
      {detail.egress.profiles.map((p) => {
        const block = blockFor(detail, p.id, lifecycle);
        const reasonId = `switch-reason-${lifecycle}-${p.id}`;
        return (
          <div key={p.id} className="max-w-sm">
            <SpaceProfileSwitch
              profileId={p.id}
              label={p.label}
              lifecycle={lifecycle}
              checked={p[lifecycle] !== "off"}
              block={block}
              reasonId={block ? reasonId : undefined}
            />
            {block && (
              <p id={reasonId} className="text-sm text-base-dark">
                {block.full}
              </p>
            )}
          </div>
        );
      })}
    </div>
  );
}
