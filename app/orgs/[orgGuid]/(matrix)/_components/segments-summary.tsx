import Link from "next/link";
import type { OrgMatrix } from "@/lib/view-models/org-matrix";

/** Where the org's apps run: its default placement, the segments it is entitled to, the spaces on them. */
export function SegmentsSummary({ matrix }: { matrix: OrgMatrix }) {
  const dedicated = matrix.spaces.filter((s) => s.isolation_segment !== null);
  const entitled = matrix.entitledSegments;
  return (
    <section aria-labelledby="hosts-heading" className="space-y-1">
      <h2 id="hosts-heading" className="text-xl">
        Hosts
      </h2>
      <p>
        By default, apps in {matrix.org.name} run on{" "}
        {matrix.defaultIsolationSegment ? (
          <>
            the isolation segment <strong>{matrix.defaultIsolationSegment}</strong> (dedicated hosts)
          </>
        ) : (
          <strong>the platform&rsquo;s shared hosts</strong>
        )}
        .{" "}
        {entitled.length === 0
          ? "The org is entitled to no isolation segment."
          : `It is entitled to ${entitled.length === 1 ? "the isolation segment" : "the isolation segments"} ${entitled.join(", ")}: dedicated hosts in their own network segment, which can reach your private network through an IPsec VPN.`}{" "}
        {dedicated.length > 0 &&
          `${dedicated.length === 1 ? "1 space runs" : `${dedicated.length} spaces run`} on dedicated hosts: ${dedicated
            .slice(0, 10)
            .map((s) => `${s.name} (${s.isolation_segment ?? ""})`)
            .join(", ")}${dedicated.length > 10 ? ", …" : ""}.`}{" "}
        <Link href="/private-egress" prefetch={false}>
          About private egress
        </Link>
      </p>
    </section>
  );
}
