import { BindGroupForm } from "@/components/egress/space/space-changes";
import type { SpaceDetail } from "@/lib/loaders/space";
import { ProfileSwitches } from "./profiles-section";

/** Staging profiles and binding any other visible group, behind a disclosure: most users never need them. */
export function AdvancedSection({ detail }: { detail: SpaceDetail }) {
  return (
    <section aria-labelledby="advanced-heading">
      <details className="rounded border border-base-lighter p-4">
        <summary className="min-h-11 cursor-pointer py-2 font-bold">
          <h2 id="advanced-heading" className="inline text-xl">
            Advanced: staging egress and other security groups
          </h2>
        </summary>
        <div className="mt-4 space-y-6">
          <div className="space-y-2">
            <h3 className="text-lg">Profiles while apps stage</h3>
            <ProfileSwitches detail={detail} lifecycle="staging" />
          </div>
          {detail.change.allowed ? (
            <div className="space-y-2">
              <h3 className="text-lg">Bind another security group</h3>
              <p>Any group you can see can be bound to this space, for running or for staging.</p>
              <BindGroupForm groups={detail.bindable.map((g) => ({ guid: g.guid, name: g.name }))} />
            </div>
          ) : (
            <p>{detail.change.refusal.message}</p>
          )}
        </div>
      </details>
    </section>
  );
}
