import Link from "next/link";
import { formatTime, isoTime } from "@/lib/view-models/history";
import type { OrgPolicyState } from "@/lib/view-models/org-policy";

/** The policy in words (lib/policy `describeRule`), in the order it is applied, and who last changed it. */
export function PolicyRules({
  orgGuid,
  words,
  state,
  active,
}: {
  orgGuid: string;
  words: { rules: { description: string; note: string | null }[]; default: string | null };
  state: OrgPolicyState;
  active: boolean;
}) {
  return (
    <section aria-labelledby="rules-heading" className="space-y-3">
      <h2 id="rules-heading" className="text-2xl">
        Rules
      </h2>
      {!active && (
        <p>
          {state.revision === 0
            ? "This org has no egress policy yet, so no space is judged."
            : "The policy has no rules and no default, so no space is judged."}
        </p>
      )}
      {words.rules.length > 0 && (
        <ol aria-label="Rules, first match decides" className="max-w-3xl list-decimal space-y-1 pl-8 text-lg">
          {words.rules.map((rule, i) => (
            <li key={i}>
              <span className="font-semibold">{rule.description}</span>
              {rule.note && <span className="text-base-dark"> ({rule.note})</span>}
            </li>
          ))}
        </ol>
      )}
      {active && (
        <p className="text-lg">
          {words.default === null ? (
            "Spaces that no rule matches are not judged."
          ) : (
            <>
              Default: <span className="font-semibold">{words.default}</span>
            </>
          )}
        </p>
      )}
      {state.revision > 0 && state.updatedAt !== null && (
        <p className="text-base-dark">
          Revision {state.revision}, changed{" "}
          <time dateTime={isoTime(state.updatedAt)}>{formatTime(state.updatedAt)}</time> by{" "}
          {state.updatedBy?.name ?? "unknown"}.{" "}
          <Link href={`/orgs/${orgGuid}/activity?kind=policy`} prefetch={false}>
            Every change of the policy
          </Link>
        </p>
      )}
    </section>
  );
}
