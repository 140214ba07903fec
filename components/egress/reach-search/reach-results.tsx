import Link from "next/link";
import { DestinationStatusBadge } from "@/components/egress/destination-status";
import { Th } from "@/components/ui/table";
import type { LifecycleReach, SpaceReach } from "@/lib/egress/reach-search";

/** What allows the traffic: each group with the rule, as CF writes it. */
function Grants({ reach }: { reach: LifecycleReach }) {
  if (reach.by.length === 0) return null;
  return (
    <ul className="mt-1 space-y-0.5 text-sm">
      {reach.by.map(({ group, rule }, i) => (
        <li key={`${group.guid}-${i}`}>
          <Link href={`/security-groups/${group.guid}`} prefetch={false}>
            {group.name}
          </Link>
          :{" "}
          <code className="text-xs">
            {rule.protocol} {rule.destination}
            {rule.ports ? ` ${rule.ports}` : ""}
          </code>
        </li>
      ))}
    </ul>
  );
}

/** The answer for every space, one row each: the status per lifecycle with the groups and rules behind it. */
export function ReachResults({
  spaces,
  question,
  showOrg,
}: {
  spaces: readonly SpaceReach[];
  question: string;
  showOrg: boolean;
}) {
  if (spaces.length === 0) return <p>No space matches the status filters.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left">
        <caption className="sr-only">Which spaces can reach {question}</caption>
        <thead>
          <tr className="border-b-2 border-base-light">
            {showOrg && (
              <Th scope="col" className="px-3 py-2">
                Organization
              </Th>
            )}
            <Th scope="col" className="px-3 py-2">
              Space
            </Th>
            <Th scope="col" className="px-3 py-2">
              Running
            </Th>
            <Th scope="col" className="px-3 py-2">
              Staging
            </Th>
          </tr>
        </thead>
        <tbody>
          {spaces.map((s) => (
            <tr
              key={s.guid}
              className="border-b border-base-lighter align-top"
              data-space={`${s.org.name}/${s.name}`}
            >
              {showOrg && (
                <td className="px-3 py-2">
                  <Link href={`/orgs/${s.org.guid}`} prefetch={false}>
                    {s.org.name}
                  </Link>
                </td>
              )}
              <Th scope="row" className="px-3 py-2">
                <Link href={`/orgs/${s.org.guid}/spaces/${s.guid}`} prefetch={false}>
                  {s.name}
                </Link>
              </Th>
              <td className="px-3 py-2">
                <DestinationStatusBadge status={s.running.status} />
                <Grants reach={s.running} />
              </td>
              <td className="px-3 py-2">
                <DestinationStatusBadge status={s.staging.status} />
                <Grants reach={s.staging} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
