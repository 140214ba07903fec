import { FileDown } from "lucide-react";
import { buttonClass } from "@/components/ui/button";
import { DEFAULT_REPORT_DAYS, defaultReportPeriod, MAX_REPORT_DAYS } from "@/lib/view-models/report-period";

/**
 * The compliance report's downloads (docs/design.md §12): a plain GET form, so it works without
 * JavaScript; one button per format, the JSON one sending the same form to its own address.
 */
export function ComplianceReportForm({ orgGuid, now }: { orgGuid: string; now: number }) {
  const period = defaultReportPeriod(now);
  const base = `/orgs/${orgGuid}/compliance-report`;
  return (
    <section
      aria-labelledby="compliance-report-heading"
      className="space-y-3 rounded border border-base-lighter p-4"
    >
      <h2 id="compliance-report-heading" className="text-xl">
        Compliance report
      </h2>
      <p className="max-w-3xl text-base-dark">
        For a period (by default the last {DEFAULT_REPORT_DAYS} days, at most {MAX_REPORT_DAYS}): each
        space&apos;s compliance with the org&apos;s policy, every change with who made it and its outcome,
        every drift with its window, each citing its record in the history&apos;s hash chain.
      </p>
      <form
        method="get"
        action={`${base}.csv`}
        aria-label="Download a compliance report"
        className="flex flex-wrap items-end gap-4"
      >
        <div className="flex flex-col">
          <label htmlFor="report-from" className="font-semibold">
            Report from (UTC)
          </label>
          <input
            id="report-from"
            type="date"
            name="from"
            required
            defaultValue={period.from}
            className="min-h-11 rounded border border-base-dark px-3"
          />
        </div>
        <div className="flex flex-col">
          <label htmlFor="report-to" className="font-semibold">
            Report to (UTC)
          </label>
          <input
            id="report-to"
            type="date"
            name="to"
            required
            defaultValue={period.to}
            className="min-h-11 rounded border border-base-dark px-3"
          />
        </div>
        <button type="submit" className={buttonClass("secondary")}>
          <FileDown aria-hidden="true" className="size-4" />
          Report as CSV
        </button>
        <button type="submit" formAction={`${base}.json`} className={buttonClass("secondary")}>
          <FileDown aria-hidden="true" className="size-4" />
          Report as JSON
        </button>
      </form>
    </section>
  );
}
