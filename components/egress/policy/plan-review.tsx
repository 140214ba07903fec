import { opWords, type PlannedSpace, type PlanView } from "@/lib/view-models/policy-plan";
import { CliCommands, StatusChanges } from "../change-flow/change-summary";

/** Bring into policy's preview: per violating space what changes, what opens and closes, the cf commands. */

export const spaces = (n: number) => `${n} ${n === 1 ? "space" : "spaces"}`;

export function Review({ plan }: { plan: PlanView }) {
  const { changes, unattainable, compliant } = plan;
  return (
    <div className="space-y-4">
      <p>
        {changes.length === 0
          ? "No space can be brought into policy by a change of yours."
          : `${spaces(changes.length)} will change: the smallest set of binds and unbinds that makes each comply, for running apps.`}{" "}
        {compliant > 0 &&
          `${spaces(compliant)} already ${compliant === 1 ? "complies" : "comply"} and will not be touched.`}
      </p>
      {changes.length > 0 && (
        <ul aria-label="Planned changes per space" className="space-y-4">
          {changes.map((space) => (
            <PlannedChange key={space.guid} space={space} />
          ))}
        </ul>
      )}
      {unattainable.length > 0 && (
        <div>
          <h3 className="font-bold">Cannot be brought into policy by you</h3>
          <ul aria-label="Spaces that cannot be brought into policy" className="mt-1 space-y-2">
            {unattainable.map((space) => (
              <li key={space.guid}>
                <span className="font-semibold">{space.name}:</span> {space.why}.
                <span className="block text-sm text-base-dark">Violates: {space.reasons.join(". ")}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function PlannedChange({ space }: { space: PlannedSpace }) {
  return (
    <li className="space-y-2 rounded border border-base-lighter p-3">
      <h3 className="font-bold">{space.name}</h3>
      <p className="text-sm">Violates: {space.reasons.join(". ")}</p>
      <p>
        <span className="font-semibold">Changes:</span>{" "}
        {space.ops.map((op) => `${opWords(op)} (running)`).join(", ")}
      </p>
      <StatusChanges title="Closes" items={space.closes} heading="h4" />
      <StatusChanges title="Opens" items={space.opens} heading="h4" />
      <CliCommands commands={space.commands.join("\n")} />
    </li>
  );
}
