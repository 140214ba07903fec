import { Alert } from "@/components/ui/alert";
import { ErrorState } from "@/components/ui/error-state";
import type { ParsedSearch } from "@/lib/egress/reach-query";
import type { SpaceReach } from "@/lib/egress/reach-search";
import type { Attempt } from "@/lib/loaders/attempt";
import { filterReach, runningCounts, type ReachFilter } from "@/lib/view-models/reach-search";
import { ReachResults } from "./reach-results";
import { ReachSearchForm, type ReachFormValues } from "./reach-search-form";

/**
 * The form and, once asked, the answer: a refused question says what is
 * wrong beside the field; a failed read says what failed; otherwise a
 * count per running status and the table, after the status filters.
 */
export function ReachSearchSection({
  action,
  values,
  filter,
  parsed,
  answer,
  showOrg,
}: {
  action: string;
  values: ReachFormValues;
  filter: ReachFilter;
  /** Null when nothing was asked yet. */
  parsed: ParsedSearch | null;
  answer: Attempt<SpaceReach[]> | null;
  showOrg: boolean;
}) {
  const errors = parsed && !parsed.ok ? parsed.fieldErrors : {};
  return (
    <div className="space-y-6">
      <ReachSearchForm action={action} values={values} filter={filter} errors={errors} />
      {parsed && !parsed.ok && (
        <Alert tone="error" heading="The search cannot be answered">
          {parsed.message}
        </Alert>
      )}
      {parsed?.ok && answer && !answer.ok && (
        <ErrorState
          what="the spaces to search"
          message={answer.failure.message}
          reference={answer.requestId}
        />
      )}
      {parsed?.ok && answer?.ok && (
        <Answer spaces={answer.value} filter={filter} question={describe(parsed.query)} showOrg={showOrg} />
      )}
    </div>
  );
}

/** Rows the page lists; a foundation's 20,000 would be megabytes of HTML. GET /api/reach answers them all. */
export const ROWS_SHOWN = 500;

function describe(query: { protocol: string; ports: string; destination: string }): string {
  return `${query.destination} (${query.protocol}${query.ports ? ` ${query.ports}` : ""})`;
}

function Answer({
  spaces,
  filter,
  question,
  showOrg,
}: {
  spaces: SpaceReach[];
  filter: ReachFilter;
  question: string;
  showOrg: boolean;
}) {
  const counts = runningCounts(spaces);
  const kept = filterReach(spaces, filter);
  return (
    <section aria-labelledby="reach-answer" className="space-y-3">
      <h2 id="reach-answer" className="text-2xl">
        Who can reach {question}
      </h2>
      <p data-testid="reach-summary">
        Of {spaces.length} {spaces.length === 1 ? "space" : "spaces"} you can see, running apps of{" "}
        {counts.allowed} are allowed, {counts.partial} partly, {counts.blocked} blocked.
        {kept.length < spaces.length && ` ${kept.length} kept by the status filters.`}
      </p>
      <ReachResults spaces={kept.slice(0, ROWS_SHOWN)} question={question} showOrg={showOrg} />
      {kept.length > ROWS_SHOWN && (
        <p data-testid="reach-more">
          The first {ROWS_SHOWN} of {kept.length} are listed: narrow them with the status filters, or ask{" "}
          <code>GET /api/reach</code> with the same query for every one.
        </p>
      )}
    </section>
  );
}
