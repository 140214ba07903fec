import Link from "next/link";
import { BringIntoPolicyButton } from "@/components/egress/policy/bring-button";
import type { BringAction } from "@/components/egress/policy/bring-into-policy";
import type { MatrixRow } from "@/lib/view-models/org-matrix";

/** The spaces that break the policy, each with why, and the way back into it for those the user may change. */
export function Violations({
  orgGuid,
  spaces,
  seesAllSpaces,
  action,
}: {
  orgGuid: string;
  spaces: MatrixRow[];
  seesAllSpaces: boolean;
  action: BringAction;
}) {
  const violating = spaces.filter((s) => !s.policy.compliant);
  const changeable = violating.filter((s) => s.can_manage).length;
  return (
    <section aria-labelledby="violations-heading" className="space-y-3">
      <h2 id="violations-heading" className="text-2xl">
        Violations
      </h2>
      <p>
        {violating.length === 0
          ? `Every space you can see complies (${spaces.length} ${spaces.length === 1 ? "space" : "spaces"}).`
          : `${violating.length} of the ${spaces.length} spaces you can see ${violating.length === 1 ? "violates" : "violate"} the policy.`}
        {!seesAllSpaces &&
          " Cloud Foundry shows you only the spaces where you hold a space role, so other spaces of the org are not judged here."}
      </p>
      {violating.length > 0 && (
        <ul aria-label="Spaces that violate the policy" className="max-w-4xl space-y-2">
          {violating.map((space) => (
            <li key={space.guid} className="border-l-4 border-error pl-3">
              <Link href={`/orgs/${orgGuid}/spaces/${space.guid}`} prefetch={false} className="font-bold">
                {space.name}
              </Link>
              <ul className="list-disc pl-6">
                {space.policy.reasons.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      {changeable > 0 && (
        <BringIntoPolicyButton
          orgGuid={orgGuid}
          action={action}
          label={`Bring into policy (${changeable} ${changeable === 1 ? "space" : "spaces"})`}
        />
      )}
    </section>
  );
}
