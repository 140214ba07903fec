import Link from "next/link";
import { Th } from "@/components/ui/table";
import { POSTURE_LABELS, POSTURES } from "@/lib/view-models/labels";
import type { FoundationOrg, PolicyStatus } from "@/lib/view-models/foundation";

const POLICY_WORDS: Record<PolicyStatus, string> = {
  none: "No policy",
  active: "In force",
  unavailable: "Not shown",
  "not-in-force": "Not in force",
};

function Compliance({ org }: { org: FoundationOrg }) {
  if (org.policy !== "active") return <>{POLICY_WORDS[org.policy]}</>;
  return (
    <Link href={`/orgs/${org.guid}/policy`} prefetch={false}>
      {org.violating === 0 ? "Compliant" : `${org.violating} violating`}
      <span className="sr-only"> in {org.name}</span>
    </Link>
  );
}

/** Every org the filters keep: its spaces per posture, those with public egress, its policy's verdict. */
export function FoundationOrgTable({ orgs }: { orgs: readonly FoundationOrg[] }) {
  if (orgs.length === 0) return <p>No organization matches the filters.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left">
        <caption className="sr-only">
          Organizations: the egress posture of their spaces and their compliance
        </caption>
        <thead>
          <tr className="border-b-2 border-base-light">
            <Th scope="col" className="px-3 py-2">
              Organization
            </Th>
            <Th scope="col" className="px-3 py-2">
              Spaces
            </Th>
            {POSTURES.map((p) => (
              <Th key={p} scope="col" className="px-3 py-2">
                {POSTURE_LABELS[p]}
              </Th>
            ))}
            <Th scope="col" className="px-3 py-2">
              Public egress
            </Th>
            <Th scope="col" className="px-3 py-2">
              Policy
            </Th>
          </tr>
        </thead>
        <tbody>
          {orgs.map((org) => (
            <tr key={org.guid} className="border-b border-base-lighter" data-org={org.name}>
              <Th scope="row" className="px-3 py-2">
                <Link href={`/orgs/${org.guid}`} prefetch={false}>
                  {org.name}
                </Link>
                {org.suspended && <span className="font-normal text-base-dark"> (suspended)</span>}
              </Th>
              <td className="px-3 py-2">{org.spaces}</td>
              {POSTURES.map((p) => (
                <td key={p} className="px-3 py-2">
                  {org.postures[p]}
                </td>
              ))}
              <td className="px-3 py-2">{org.publicEgress}</td>
              <td className="px-3 py-2">
                <Compliance org={org} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
