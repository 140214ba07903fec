import type { SpaceDetail } from "@/lib/loaders/space";
import type { ReachView } from "@/lib/view-models/reach";
import { ReachForm, type ReachQuery } from "./reach-form";

export type { ReachQuery };

/**
 * "Can my app reach …?": the question in the URL is answered by the server
 * (so it works without JavaScript and the answer has a URL); later questions
 * are answered in place (ReachForm).
 */
export function ReachSection({
  detail,
  reach,
  query,
}: {
  detail: SpaceDetail;
  reach: ReachView | undefined;
  query: ReachQuery;
}) {
  return (
    <section aria-labelledby="reach-heading" className="space-y-3">
      <h2 id="reach-heading" className="text-2xl">
        Can my app reach…?
      </h2>
      <ReachForm orgGuid={detail.org.guid} spaceGuid={detail.space.guid} query={query} answer={reach} />
    </section>
  );
}
