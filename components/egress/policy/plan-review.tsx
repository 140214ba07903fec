import type { StatusChange } from "@/lib/egress";
import { opWords, type PlannedSpace, type PlanView } from "@/lib/view-models/policy-plan";
import { DestinationStatusBadge } from "../destination-status";

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
      <Destinations title="Closes" items={space.closes} />
      <Destinations title="Opens" items={space.opens} />
      <div>
        <p className="font-semibold">The same change with the cf CLI:</p>
        <pre className="mt-1 rounded bg-base-lightest p-2 text-sm break-all whitespace-pre-wrap">
          <code>{space.commands.join("\n")}</code>
        </pre>
      </div>
    </li>
  );
}

function Destinations({ title, items }: { title: string; items: StatusChange[] }) {
  if (items.length === 0) return null;
  return (
    <div>
      <p className="font-semibold">{title}:</p>
      <ul className="mt-1 space-y-1">
        {items.map((item) => (
          <li key={item.id} className="flex flex-wrap items-center gap-2">
            <span>{item.label}:</span>
            <DestinationStatusBadge status={item.before} />
            <span aria-hidden="true">→</span>
            <span className="sr-only">becomes</span>
            <DestinationStatusBadge status={item.after} />
          </li>
        ))}
      </ul>
    </div>
  );
}
