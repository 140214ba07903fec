import Link from "next/link";
import { Th } from "@/components/ui/table";
import { findingsSummary } from "@/components/egress/group-findings";
import type { GroupFindings } from "@/lib/view-models/group-lint";
import type { SecurityGroupView } from "@/lib/view-models/security-groups";
import { GlobalFlags } from "./global-flags";
import { bindingLabel, ruleCount } from "./labels";

/**
 * `seesAllBindings`: the user reads the whole platform, so a group with no binding listed is bound
 * to no space at all, and is said so (not "none you can see").
 */
export function GroupsTable({
  groups,
  seesAllBindings,
  findings,
}: {
  groups: readonly SecurityGroupView[];
  seesAllBindings: boolean;
  /** Group lint by guid (docs/design.md §13); the group's page lists each finding. */
  findings: GroupFindings;
}) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[40rem] border-collapse text-left">
        <caption className="mb-2 text-left text-xl font-bold">Security groups you can see</caption>
        <thead>
          <tr className="border-b-2 border-base-light bg-base-lightest">
            <Th scope="col" className="px-3 py-2">
              Name
            </Th>
            <Th scope="col" className="px-3 py-2">
              Rules
            </Th>
            <Th scope="col" className="px-3 py-2">
              Platform-wide
            </Th>
            <Th scope="col" className="px-3 py-2">
              {seesAllBindings ? "Bindings" : "Bindings you can see"}
            </Th>
            <Th scope="col" className="px-3 py-2">
              Findings
            </Th>
          </tr>
        </thead>
        <tbody>
          {groups.map((group) => (
            <tr key={group.guid} className="border-b border-base-lighter align-top">
              <Th scope="row" className="min-w-40 px-3 py-3 font-normal">
                {/* A prefetch renders the whole detail page, two CF requests per row: not worth it. */}
                <Link
                  href={`/security-groups/${group.guid}`}
                  prefetch={false}
                  className="font-bold wrap-anywhere"
                >
                  {group.name}
                </Link>
              </Th>
              <td className="px-3 py-3 whitespace-nowrap">{ruleCount(group.rules.length)}</td>
              <td className="px-3 py-3">
                <GlobalFlags global={group.global} />
              </td>
              <td className="px-3 py-3">
                {group.bindings.length === 0 ? (
                  <span className="text-base-dark">
                    {seesAllBindings ? "Bound to no space" : "None you can see"}
                  </span>
                ) : (
                  <ul className="space-y-1">
                    {group.bindings.map((binding) => (
                      <li key={`${binding.spaceGuid}-${binding.lifecycle}`}>{bindingLabel(binding)}</li>
                    ))}
                  </ul>
                )}
              </td>
              <td className="px-3 py-3">
                <FindingsCell guid={group.guid} name={group.name} found={findings[group.guid]?.length ?? 0}>
                  {findingsSummary(findings[group.guid] ?? [])}
                </FindingsCell>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The count links to the group page's findings, where each one is said with its fix. */
function FindingsCell(props: { guid: string; name: string; found: number; children: string }) {
  if (props.found === 0) return <span className="text-base-dark">{props.children}</span>;
  return (
    <Link href={`/security-groups/${props.guid}#findings`} prefetch={false} className="whitespace-nowrap">
      {props.children}
      <span className="sr-only"> found in {props.name}</span>
    </Link>
  );
}
