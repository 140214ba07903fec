import Link from "next/link";
import type { SpaceDetail } from "@/lib/loaders/space";

/** Where the space's apps run: an isolation segment (dedicated hosts) or the shared hosts. */
export function SegmentSection({ detail }: { detail: SpaceDetail }) {
  return (
    <section aria-labelledby="segment-heading" className="space-y-2">
      <h2 id="segment-heading" className="text-2xl">
        Isolation segment and private egress
      </h2>
      {detail.segment ? (
        <p>
          Apps in this space run on the isolation segment <strong>{detail.segment.name}</strong>
          {detail.segment.source === "org-default" ? ", the org's default" : ""}: dedicated hosts, which can
          be given access to a private network.
        </p>
      ) : (
        <p>
          Apps in this space run on the platform&rsquo;s shared hosts. A dedicated pool of hosts (an isolation
          segment) can be connected to your private network over IPsec; ask your platform team.
        </p>
      )}
      <p>
        <Link href="/private-egress" prefetch={false}>
          How private egress works, and how to request it
        </Link>
      </p>
    </section>
  );
}
