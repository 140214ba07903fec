import Link from "next/link";
import { PostureBadge } from "@/components/egress/posture-badge";
import { Th } from "@/components/ui/table";
import type { PublicSpace } from "@/lib/view-models/foundation";

/** How many rows the page lists; the exports hold every one. */
export const PUBLIC_SPACES_SHOWN = 200;

/** The spaces whose running apps reach public addresses, of the orgs the filters keep. */
export function PublicSpaces({ spaces }: { spaces: readonly PublicSpace[] }) {
  const shown = spaces.slice(0, PUBLIC_SPACES_SHOWN);
  return (
    <section aria-labelledby="public-spaces" className="space-y-3">
      <h2 id="public-spaces" className="text-2xl">
        Spaces with public egress ({spaces.length})
      </h2>
      {spaces.length === 0 ? (
        <p>No space of these organizations reaches public addresses.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-left">
            <caption className="sr-only">Spaces whose running apps reach public addresses</caption>
            <thead>
              <tr className="border-b-2 border-base-light">
                <Th scope="col" className="px-3 py-2">
                  Organization
                </Th>
                <Th scope="col" className="px-3 py-2">
                  Space
                </Th>
                <Th scope="col" className="px-3 py-2">
                  Posture
                </Th>
              </tr>
            </thead>
            <tbody>
              {shown.map((s) => (
                <tr
                  key={s.guid}
                  className="border-b border-base-lighter"
                  data-space={`${s.org.name}/${s.name}`}
                >
                  <td className="px-3 py-2">{s.org.name}</td>
                  <Th scope="row" className="px-3 py-2">
                    <Link href={`/orgs/${s.org.guid}/spaces/${s.guid}`} prefetch={false}>
                      {s.name}
                    </Link>
                  </Th>
                  <td className="px-3 py-2">
                    <PostureBadge posture={s.posture} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {spaces.length > shown.length && (
        <p>
          The first {shown.length} are listed; the exports hold all {spaces.length}.
        </p>
      )}
    </section>
  );
}
