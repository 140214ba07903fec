import type { BringResult } from "@/lib/view-models/policy-plan";

/** Bring into policy's progress ("n of m spaces") and its result per space. */

const STATUS_WORDS: Record<BringResult["status"], string> = {
  done: "brought into policy",
  compliant: "already complies",
  skipped: "left as it is",
  failed: "not changed",
  unconfirmed: "not confirmed",
};

export function Progress({
  total,
  done,
  results,
}: {
  total: number;
  done: number;
  results: BringResult[] | null;
}) {
  const brought = results?.filter((r) => r.status === "done").length ?? 0;
  return (
    <div className="space-y-2">
      <label className="block font-semibold" htmlFor="policy-progress">
        {done} of {total} spaces
      </label>
      <progress id="policy-progress" max={total} value={done} className="w-full" />
      <p role="status">
        {results === null
          ? `Working: ${done} of ${total} spaces done.`
          : `Done: ${brought} of ${total} spaces brought into policy${brought < total ? `, ${total - brought} not` : ""}.`}
      </p>
    </div>
  );
}

export function Results({ results }: { results: BringResult[] }) {
  return (
    <ul className="max-h-60 space-y-1 overflow-auto" aria-label="Result per space">
      {results.map((r) => (
        <li key={r.guid}>
          <span className="font-semibold">{r.name}:</span>{" "}
          <span
            className={
              r.status === "done" || r.status === "compliant" ? "text-success-darker" : "text-error-dark"
            }
          >
            {STATUS_WORDS[r.status]}. {r.message}
          </span>
        </li>
      ))}
    </ul>
  );
}
