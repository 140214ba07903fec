import Link from "next/link";
import { SegmentMove } from "@/components/egress/space/segment-move";
import type { SpaceDetail } from "@/lib/loaders/space";
import { placementMeaning, placementOf } from "@/lib/view-models/segments";
import { assignSegment } from "../../../segment-actions";

/** Where the space's apps run (its segment, the org's default, or the shared hosts), and moving it. */
export function SegmentSection({ detail }: { detail: SpaceDetail }) {
  const { own, orgDefault, entitled, move } = detail.segments;
  const placement = placementOf(own?.name ?? null, orgDefault?.name ?? null);
  return (
    <section aria-labelledby="segment-heading" className="space-y-3">
      <h2 id="segment-heading" className="text-2xl">
        Isolation segment and private egress
      </h2>
      <p>
        {placement.kind === "shared" ? (
          <>
            This space runs on <strong>the platform&rsquo;s shared hosts</strong>.
          </>
        ) : (
          <>
            This space runs on the isolation segment <strong>{placement.segment}</strong>
            {placement.kind === "org-default" ? ", the org's default" : ""}.
          </>
        )}{" "}
        {placementMeaning(placement)}
      </p>
      {entitled.length === 0 ? (
        <p>
          {detail.org.name} is entitled to no isolation segment, so its spaces run where the platform places
          them.
        </p>
      ) : (
        <SegmentMove
          orgGuid={detail.org.guid}
          orgName={detail.org.name}
          space={{ guid: detail.space.guid, name: detail.space.name }}
          current={own}
          orgDefault={orgDefault}
          entitled={entitled}
          disabledReason={move.allowed ? undefined : move.refusal.message}
          assignSegment={assignSegment}
        />
      )}
      <p>
        <Link href="/private-egress" prefetch={false}>
          How private egress works, and how to request it
        </Link>
      </p>
    </section>
  );
}
