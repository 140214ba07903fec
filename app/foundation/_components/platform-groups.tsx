import Link from "next/link";
import type { GroupRef } from "@/lib/view-models/foundation";

function GroupList({ groups }: { groups: readonly GroupRef[] }) {
  if (groups.length === 0) return <p>None.</p>;
  return (
    <ul className="list-disc pl-6">
      {groups.map((g) => (
        <li key={g.guid}>
          <Link href={`/security-groups/${g.guid}`} prefetch={false}>
            {g.name}
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** The groups every space has, from the platform: enabled for running, and for staging. */
export function PlatformGroups({ groups }: { groups: { running: GroupRef[]; staging: GroupRef[] } }) {
  return (
    <section aria-labelledby="platform-groups" className="space-y-3">
      <h2 id="platform-groups" className="text-2xl">
        Enabled platform-wide
      </h2>
      <div className="grid gap-6 md:grid-cols-2">
        <div data-testid="global-running">
          <h3 className="text-lg font-semibold">For running apps</h3>
          <GroupList groups={groups.running} />
        </div>
        <div data-testid="global-staging">
          <h3 className="text-lg font-semibold">For staging</h3>
          <GroupList groups={groups.staging} />
        </div>
      </div>
    </section>
  );
}
