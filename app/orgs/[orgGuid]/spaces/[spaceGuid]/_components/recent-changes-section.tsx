import Link from "next/link";
import type { SpaceDetail } from "@/lib/loaders/space";
import { actorOf, describeEntry, formatTime, isoTime } from "@/lib/view-models/history";

/** The space's last few history entries, with the way to the whole history. */
export function RecentChangesSection({ detail }: { detail: SpaceDetail }) {
  const activity = `/orgs/${detail.org.guid}/activity?space=${detail.space.guid}`;
  return (
    <section aria-labelledby="recent-heading" className="space-y-3">
      <h2 id="recent-heading" className="text-2xl">
        Recent changes
      </h2>
      {detail.recent === null ? (
        <p>The change history could not be read just now.</p>
      ) : detail.recent.length === 0 ? (
        <p>No change to this space is recorded yet.</p>
      ) : (
        <ol className="space-y-2">
          {detail.recent.map((entry) => (
            <li key={entry.id}>
              <Link href={`${activity}#entry-${entry.id}`} prefetch={false}>
                <time dateTime={isoTime(entry.occurredAt)}>{formatTime(entry.occurredAt)}</time>
              </Link>
              , {actorOf(entry)}: {describeEntry(entry, detail.loadedAt)}
            </li>
          ))}
        </ol>
      )}
      <p>
        <Link href={activity} prefetch={false}>
          All activity of {detail.space.name}
        </Link>
      </p>
    </section>
  );
}
