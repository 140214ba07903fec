import { DestinationStatusBadge } from "@/components/egress/destination-status";
import { ChangeButton } from "@/components/egress/space/space-changes";
import { Th } from "@/components/ui/table";
import type { DestinationResult } from "@/lib/egress";
import type { SpaceDetail } from "@/lib/loaders/space";

function Why({ result }: { result: DestinationResult }) {
  if (!result.governed) return <span>{result.note}</span>;
  if (result.provenance.length === 0) return <span>No rule of an applied group allows this traffic.</span>;
  return (
    <ul>
      {result.provenance.map((p) => (
        <li key={`${p.group}-${p.ruleIndex}`}>
          {p.group}, rule {p.ruleIndex + 1}
        </li>
      ))}
    </ul>
  );
}

function Fix({ detail, destination }: { detail: SpaceDetail; destination: DestinationResult }) {
  if (destination.status === "allowed") return null;
  const fix = detail.fixes.find((f) => f.destinationId === destination.id);
  if (!fix)
    return <span className="text-base-dark">No egress profile opens this; ask your platform team.</span>;
  return (
    <div className="space-y-1">
      <p>
        {destination.label} is {destination.status}: turn on {fix.profile.label}.
      </p>
      {detail.change.allowed && (
        <ChangeButton
          change={{
            kind: "profile",
            profileId: fix.profile.id,
            label: fix.profile.label,
            lifecycle: "running",
            enabled: true,
          }}
        >
          Turn on {fix.profile.label}
        </ChangeButton>
      )}
    </div>
  );
}

/** Each destination of the catalog: its status, why (group and rule), and for running apps the fix. */
export function DestinationTable({
  detail,
  destinations,
  caption,
  withFixes,
}: {
  detail: SpaceDetail;
  destinations: DestinationResult[];
  caption: string;
  withFixes: boolean;
}) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b-2 border-base-light">
            <Th scope="col">Destination</Th>
            <Th scope="col">Status</Th>
            <Th scope="col">Why</Th>
            {withFixes && <Th scope="col">Fix</Th>}
          </tr>
        </thead>
        <tbody>
          {destinations.map((d) => (
            <tr key={d.id} className="border-b border-base-lighter align-top">
              <Th scope="row" className="px-2 py-2 font-semibold">
                {d.label}
              </Th>
              <td className="px-2 py-2">
                <DestinationStatusBadge status={d.status} />
              </td>
              <td className="px-2 py-2">
                <Why result={d} />
              </td>
              {withFixes && (
                <td className="px-2 py-2">
                  <Fix detail={detail} destination={d} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
