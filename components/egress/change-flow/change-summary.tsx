import type { StatusChange } from "@/lib/egress";
import { DestinationStatusBadge } from "../destination-status";

/**
 * What every change preview shows: the destinations whose status changes
 * (before → after) and the same change as cf CLI commands. Used by the change
 * dialog, bulk apply, segment moves and Bring into policy.
 */

export function StatusChanges({
  title,
  items,
  heading: Heading = "h3",
}: {
  title: string;
  items: readonly StatusChange[];
  /** The title's heading level, under the heading of what contains it. */
  heading?: "h3" | "h4";
}) {
  if (items.length === 0) return null;
  return (
    <div>
      <Heading className="font-bold">{title}</Heading>
      <ul className="mt-1 space-y-1">
        {items.map((item) => (
          <li key={item.id} className="flex flex-wrap items-center gap-2">
            <span className="font-semibold">{item.label}:</span>
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

export function CliCommands({ commands }: { commands: string }) {
  return (
    <div>
      <p className="font-semibold">The same change with the cf CLI:</p>
      <pre className="mt-1 rounded bg-base-lightest p-2 text-sm break-all whitespace-pre-wrap">
        <code>{commands}</code>
      </pre>
    </div>
  );
}
