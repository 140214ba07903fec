import type { ReactNode } from "react";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";

/**
 * Where the space sits and what the page is. Drawn from the space and org
 * the layouts have already read, so it is in the first bytes of the page
 * while the egress (more CF reads) streams in below it; `badge` is that
 * stream's posture, shown in the heading once known.
 */
export function SpaceHeading({
  orgGuid,
  names,
  badge,
}: {
  orgGuid: string;
  /** null when CF could not be read: the body below says what failed. */
  names: { space: string; org: string } | null;
  badge: ReactNode;
}) {
  if (!names)
    return (
      <>
        <Breadcrumbs items={[{ label: "Space" }]} />
        <h1 className="text-3xl">Space egress</h1>
      </>
    );
  return (
    <>
      <Breadcrumbs items={[{ href: `/orgs/${orgGuid}`, label: names.org }, { label: names.space }]} />
      <div>
        <h1 className="flex flex-wrap items-center gap-3 text-3xl">
          {names.space} {badge}
        </h1>
        <p className="mt-1 text-base-dark">A space in {names.org}: what its apps can reach, and why.</p>
      </div>
    </>
  );
}
