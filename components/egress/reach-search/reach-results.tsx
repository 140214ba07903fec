import Link from "next/link";
import { DestinationStatusBadge } from "@/components/egress/destination-status";
import { CardLabel, cardTable, Th } from "@/components/ui/table";
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
          <code className="text-xs [overflow-wrap:anywhere]">
            {rule.protocol} {rule.destination}
            {rule.ports ? ` ${rule.ports}` : ""}
          </code>
        </li>
      ))}
    </ul>
  );
}

/** cardTable's row, a column of lines on a narrow screen so the space's name heads its card. */
const CARD_ROW =
  "border-b border-base-lighter align-top max-md:mb-3 max-md:flex max-md:flex-col max-md:rounded max-md:border max-md:p-3";

/**
 * The answer for every space, one row each: the status per lifecycle with the groups and rules
 * behind it. Below md each row is a card, each cell a line labelled by its column (cardTable), as on
 * the space page: a phone neither cuts the answer off nor scrolls it inside a box.
 */
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
    <div className="overflow-x-auto max-md:overflow-visible">
      <table className={cardTable.table}>
        <caption className="sr-only">Which spaces can reach {question}</caption>
        <thead className={cardTable.head}>
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
        <tbody className={cardTable.body}>
          {spaces.map((s) => (
            <tr key={s.guid} className={CARD_ROW} data-space={`${s.org.name}/${s.name}`}>
              {showOrg && (
                <td className={`${cardTable.shortCell} md:px-3`}>
                  <CardLabel inline>Organization</CardLabel>
                  <Link href={`/orgs/${s.org.guid}`} prefetch={false}>
                    {s.org.name}
                  </Link>
                </td>
              )}
              <Th
                scope="row"
                className={`${cardTable.cell} font-semibold max-md:order-first max-md:text-lg md:px-3`}
              >
                <Link href={`/orgs/${s.org.guid}/spaces/${s.guid}`} prefetch={false}>
                  {s.name}
                </Link>
              </Th>
              <td className={`${cardTable.cell} md:px-3`}>
                <CardLabel>Running</CardLabel>
                <DestinationStatusBadge status={s.running.status} />
                <Grants reach={s.running} />
              </td>
              <td className={`${cardTable.cell} md:px-3`}>
                <CardLabel>Staging</CardLabel>
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
