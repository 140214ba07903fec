import Link from "next/link";
import { RuleText } from "@/components/egress/change-flow/policy-note";
import { policyContext } from "@/lib/changes/policy";
import type { StoredPolicy } from "@/lib/db/types";
import type { SpaceDetail } from "@/lib/loaders/space";
import { MESSAGES } from "@/lib/failures";
import { standingOf, stateFromEgress } from "@/lib/policy";
import { policyIsActive, policyStateOf } from "@/lib/view-models/org-policy";

/**
 * The space's standing against the org's egress policy (docs/design.md §10),
 * judged as the matrix judges it, with the rule that decides: its number and
 * its words as the policy page lists them, and the facts that miss it. The
 * stored policy is read alongside the page's CF reads (one database read,
 * docs/design.md §8); the verdict words and their look are the matrix's.
 */
export async function ComplianceSection({
  detail,
  stored,
}: {
  detail: SpaceDetail;
  /** The org's stored policy, read alongside the page's other reads (lib/db/page-reads.ts). */
  stored: Promise<StoredPolicy | null | "unavailable">;
}) {
  const context = policyContext();
  const state = policyStateOf(await stored, context, MESSAGES.policyUnavailable);
  const policyPage = `/orgs/${detail.org.guid}/policy`;
  const link = (
    <Link href={policyPage} prefetch={false}>
      The org&apos;s egress policy
    </Link>
  );
  let body;
  if (state.problem !== null) body = <p>{state.problem}</p>;
  else if (!policyIsActive(state.policy))
    // One short line each: on a phone this section sits above the fold, and a long paragraph
    // streamed with the egress became the page's largest paint, later than the heading's.
    body = (
      <>
        <p>
          {state.revision === 0
            ? "No egress policy yet, so no space is judged."
            : "The policy has no rules and no default: no space is judged."}
        </p>
        <p>{link}</p>
      </>
    );
  else {
    const standing = standingOf(
      stateFromEgress(detail.space.name, detail.egress, context),
      state.policy,
      context,
    );
    body =
      standing.verdict === "unjudged" ? (
        <p>
          <span className="policy-verdict">No rule</span> No rule of the org&apos;s policy matches{" "}
          {detail.space.name}, and it has no default, so this space is not judged. {link}
        </p>
      ) : (
        <>
          <p className="flex flex-wrap items-baseline gap-x-2">
            <span className="policy-verdict" data-verdict={standing.verdict}>
              {standing.verdict === "complies" ? "Complies" : "Violates"}
            </span>
            <span>
              <RuleText rule={standing.rule} />. {link}
            </span>
          </p>
          {standing.reasons.length > 0 && (
            <ul aria-label="Why it violates the policy" className="list-disc pl-6">
              {standing.reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          )}
        </>
      );
  }
  return (
    <section aria-labelledby="compliance-heading" className="space-y-1">
      <h2 id="compliance-heading" className="text-xl">
        Org policy
      </h2>
      {body}
    </section>
  );
}
