import { Th } from "@/components/ui/table";
import { isoTime, type ActivityRow } from "@/lib/view-models/history";

const KIND_WORDS: Record<ActivityRow["kind"], string> = {
  change: "Change",
  failure: "Failed change",
  drift: "Drift",
  policy: "Policy",
  request: "Private egress request",
};

/** The entries, newest first; each row is an anchor (`#entry-<id>`) that the matrix links to. */
export function ActivityTable({ rows, orgName }: { rows: ActivityRow[]; orgName: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left">
        <caption className="sr-only">Change history of {orgName}, newest first</caption>
        <thead>
          <tr className="border-b-2 border-base-light">
            <Th scope="col">When</Th>
            <Th scope="col">Space</Th>
            <Th scope="col">Who</Th>
            <Th scope="col">Kind</Th>
            <Th scope="col">What happened</Th>
            <Th scope="col">Request</Th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.id}
              id={`entry-${row.id}`}
              className="border-b border-base-lighter align-top target:bg-primary-lighter"
            >
              <Th scope="row" className="px-2 py-2 font-normal whitespace-nowrap">
                <time dateTime={isoTime(row.at)}>{row.when}</time>
              </Th>
              <td className="px-2 py-2">{row.space}</td>
              <td className="px-2 py-2">{row.who}</td>
              <td className="px-2 py-2">{KIND_WORDS[row.kind]}</td>
              <td className="px-2 py-2">{row.what}</td>
              <td className="px-2 py-2 font-mono text-xs break-all">{row.requestId}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
