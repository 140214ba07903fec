import { Th } from "@/components/ui/table";
import type { GroupEditView } from "@/lib/view-models/group-edit";

export type PreviewWords = { title: string; nothing: string; lint: string };

const EDIT_WORDS: PreviewWords = {
  title: "Preview: what this edit changes across the foundation",
  nothing: "No space's reach of a catalog destination changes.",
  lint: "Group lint of the edited rules",
};

/**
 * What a group edit would change, before it is sent (docs/design.md §13): the orgs and their counts,
 * every space whose reach of a catalog destination opens or closes, the rules the engine cannot read,
 * group lint of the edited group, and the equivalent cf commands.
 */
export function GroupEditPreview({
  view,
  group,
  words = EDIT_WORDS,
}: {
  view: GroupEditView;
  group: string;
  /** The headings and the "nothing changes" sentence; a create says its own (../group-create). */
  words?: PreviewWords;
}) {
  return (
    <section aria-labelledby="group-edit-preview" className="space-y-4 border-l-4 border-primary pl-4">
      <h3 id="group-edit-preview" className="text-xl">
        {words.title}
      </h3>
      {view.spaces.length === 0 ? (
        <p>{words.nothing}</p>
      ) : (
        <>
          <table className="text-sm">
            <caption className="text-left font-semibold">Orgs whose spaces change</caption>
            <thead>
              <tr className="border-b-2 border-base-light">
                <Th scope="col">Org</Th>
                <Th scope="col">Spaces</Th>
                <Th scope="col">Destinations opened</Th>
                <Th scope="col">Destinations closed</Th>
              </tr>
            </thead>
            <tbody>
              {view.orgs.map((o) => (
                <tr key={o.org} className="border-b border-base-lighter">
                  <Th scope="row" className="font-normal">
                    {o.org}
                  </Th>
                  <td className="px-2 py-1">{o.spaces}</td>
                  <td className="px-2 py-1">{o.opens}</td>
                  <td className="px-2 py-1">{o.closes}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="text-sm">
            <caption className="text-left font-semibold">Spaces whose reach changes</caption>
            <thead>
              <tr className="border-b-2 border-base-light">
                <Th scope="col">Space</Th>
                <Th scope="col">Lifecycle</Th>
                <Th scope="col">Opens</Th>
                <Th scope="col">Closes</Th>
              </tr>
            </thead>
            <tbody>
              {view.spaces.map((s) => (
                <tr key={`${s.org}/${s.space}/${s.lifecycle}`} className="border-b border-base-lighter">
                  <Th scope="row" className="font-normal">
                    {s.org} / {s.space}
                  </Th>
                  <td className="px-2 py-1">{s.lifecycle}</td>
                  <td className="px-2 py-1">{s.opens.join(", ") || "—"}</td>
                  <td className="px-2 py-1">{s.closes.join(", ") || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {view.problems.length > 0 && (
        <div>
          <h4 className="font-semibold">
            Rules the dashboard cannot read (Cloud Foundry is likely to refuse them)
          </h4>
          <ul className="list-disc pl-6">
            {view.problems.map((p) => (
              <li key={`${p.rule}-${p.field}`}>
                Rule {p.rule}, {p.field}: {p.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      {view.findings.length > 0 && (
        <div>
          <h4 className="font-semibold">{words.lint}</h4>
          <ul className="list-disc pl-6">
            {view.findings.map((f) => (
              <li key={f.sentence}>
                {f.severity}: {f.sentence} {f.fix}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div>
        <h4 className="font-semibold">With the cf CLI</h4>
        <pre
          aria-label={`cf commands for ${group}`}
          className="overflow-x-auto bg-base-lightest p-2 text-sm"
          tabIndex={0}
        >
          {view.commands.join("\n")}
        </pre>
        {view.rulesChanged && (
          <details className="mt-2">
            <summary className="cursor-pointer">rules.json</summary>
            <pre className="overflow-x-auto bg-base-lightest p-2 text-sm" tabIndex={0}>
              {view.rulesJson}
            </pre>
          </details>
        )}
      </div>
    </section>
  );
}
