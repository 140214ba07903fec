import { EgressMap } from "@/components/egress/egress-map";
import { Alert } from "@/components/ui/alert";
import type { SpaceDetail } from "@/lib/loaders/space";
import { DestinationTable } from "./destination-table";

/** What running apps can reach, why, and the fix for what they cannot; then the same as a map. */
export function DestinationsSection({ detail }: { detail: SpaceDetail }) {
  return (
    <>
      <section aria-labelledby="running-heading" className="space-y-3">
        <h2 id="running-heading" className="text-2xl">
          What running apps can reach
        </h2>
        <DestinationTable
          detail={detail}
          destinations={detail.egress.running.destinations}
          caption={`Destinations of running apps in ${detail.space.name}`}
          withFixes
        />
        <p className="text-sm text-base-dark">Destinations from: {detail.catalogName}.</p>
        {detail.egress.problems.length > 0 && (
          <Alert tone="warning" heading="Some rules could not be read">
            <ul>
              {detail.egress.problems.map((p) => (
                <li key={`${p.group}-${p.ruleIndex}`}>
                  {p.group}, rule {p.ruleIndex + 1}: {p.reason}
                </li>
              ))}
            </ul>
          </Alert>
        )}
      </section>
      <section aria-labelledby="map-heading" className="space-y-3">
        <h2 id="map-heading" className="text-2xl">
          Egress map
        </h2>
        <EgressMap spaceName={detail.space.name} destinations={detail.egress.running.destinations} />
      </section>
    </>
  );
}

/** Staging egress: the groups apps stage with, which are not the running ones. */
export function StagingSection({ detail }: { detail: SpaceDetail }) {
  return (
    <section aria-labelledby="staging-heading" className="space-y-3">
      <h2 id="staging-heading" className="text-2xl">
        While apps stage
      </h2>
      <p>
        Apps stage with the staging security groups, not the running ones: while an app is pushed, its
        dependencies are fetched with the egress below. Once staged, it runs with the running groups above.
      </p>
      <DestinationTable
        detail={detail}
        destinations={detail.egress.staging.destinations}
        caption={`Destinations while apps in ${detail.space.name} stage`}
        withFixes={false}
      />
    </section>
  );
}
