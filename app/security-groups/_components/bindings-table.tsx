import Link from "next/link";
import { Th } from "@/components/ui/table";
import type { GroupBinding, SecurityGroupView } from "@/lib/view-models/security-groups";
import { LIFECYCLE_LABELS } from "./labels";

function SpaceCell({ binding }: { binding: GroupBinding }) {
  if (binding.spaceName === null || binding.orgGuid === null)
    return <span className="font-mono text-sm break-all">{binding.spaceGuid}</span>;
  return (
    <Link href={`/orgs/${binding.orgGuid}/spaces/${binding.spaceGuid}`} prefetch={false}>
      {binding.spaceName}
    </Link>
  );
}

export function BindingsTable({
  group,
  seesAllBindings,
}: {
  group: SecurityGroupView;
  /** The user reads the whole platform: no binding listed is no binding at all. */
  seesAllBindings: boolean;
}) {
  if (group.bindings.length === 0)
    return (
      <p>
        {group.name} is bound to no space{seesAllBindings ? "" : " that you can read"}.
      </p>
    );
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left">
        <caption className="sr-only">
          Spaces {group.name} is bound to{seesAllBindings ? "" : ", among those you can read"}
        </caption>
        <thead>
          <tr className="border-b-2 border-base-light bg-base-lightest">
            <Th scope="col" className="px-3 py-2">
              Organization
            </Th>
            <Th scope="col" className="px-3 py-2">
              Space
            </Th>
            <Th scope="col" className="px-3 py-2">
              Lifecycle
            </Th>
          </tr>
        </thead>
        <tbody>
          {group.bindings.map((binding) => (
            <tr key={`${binding.spaceGuid}-${binding.lifecycle}`} className="border-b border-base-lighter">
              <td className="px-3 py-2">
                {binding.orgName ?? <span className="text-base-dark">Unknown</span>}
              </td>
              <Th scope="row" className="px-3 py-2 font-normal">
                <SpaceCell binding={binding} />
              </Th>
              <td className="px-3 py-2">{LIFECYCLE_LABELS[binding.lifecycle]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
