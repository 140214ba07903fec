import { FindingsList } from "@/components/egress/group-findings";
import type { Finding } from "@/lib/egress/lint";

/**
 * The group page's lint (docs/design.md §13). Whether a group is bound anywhere is judged only for a
 * user who sees every binding, and the page says so to the others rather than staying silent.
 */
export function FindingsSection({
  name,
  findings,
  seesAllBindings,
}: {
  name: string;
  findings: readonly Finding[];
  seesAllBindings: boolean;
}) {
  return (
    <section aria-labelledby="findings" className="space-y-3">
      <h2 id="findings" className="text-2xl">
        Findings
      </h2>
      {findings.length === 0 ? (
        <p>No findings: nothing in {name}&rsquo;s rules needs attention.</p>
      ) : (
        <FindingsList findings={findings} label={`Findings for ${name}`} />
      )}
      {!seesAllBindings && (
        <p className="max-w-3xl text-sm text-base-darker">
          Whether this group is bound to any space is not judged here: you see only the bindings of spaces you
          can read.
        </p>
      )}
    </section>
  );
}
