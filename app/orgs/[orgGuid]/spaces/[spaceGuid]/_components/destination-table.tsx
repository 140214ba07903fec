import { DestinationStatusBadge } from "@/components/egress/destination-status";
import { ChangeButton } from "@/components/egress/space/space-changes";
import { CardLabel, cardTable, Th } from "@/components/ui/table";
import type { DestinationResult } from "@/lib/egress";
import type { SpaceDetail } from "@/lib/loaders/space";
import { fixAdvice, NO_FIX } from "@/lib/view-models/fixes";

function Why({ result }: { result: DestinationResult }) {
  if (!result.governed) return <span>{result.note}</span>;
  if (result.provenance.length === 0) return <span>No rule of an applied group allows this traffic.</span>;
  return (
    <ul>
      {result.provenance.map((p) => (
        <li key={`${p.group}-${p.ruleIndex}`} className="wrap-anywhere">
          {p.group}, rule {p.ruleIndex + 1}
        </li>
      ))}
    </ul>
  );
}

/**
 * The profile that would open a blocked destination, in words for this user:
 * a button where they may turn it on; otherwise who can, or why the profile
 * is out of their reach (CF hides its group from them).
 */
function Fix({ detail, destination }: { detail: SpaceDetail; destination: DestinationResult }) {
  if (destination.status === "allowed") return null;
  const fix = detail.fixes.find((f) => f.destinationId === destination.id);
  if (!fix) return <span className="text-base-dark">{NO_FIX}</span>;
  const advice = fixAdvice(fix, detail.change, `${destination.label} is ${destination.status}`);
  return (
    <div className="space-y-1">
      <p>{advice.words}</p>
      {advice.action && (
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

/**
 * Each destination of the catalog: its status, why (group and rule), and for
 * running apps the fix. A table on a wide screen, one card per destination on
 * a narrow one (cardTable).
 */
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
    <div className="overflow-x-auto max-md:overflow-visible">
      <table className={cardTable.table}>
        <caption className="sr-only">{caption}</caption>
        <thead className={cardTable.head}>
          <tr className="border-b-2 border-base-light">
            <Th scope="col">Destination</Th>
            <Th scope="col">Status</Th>
            <Th scope="col">Why</Th>
            {withFixes && <Th scope="col">Fix</Th>}
          </tr>
        </thead>
        <tbody className={cardTable.body}>
          {destinations.map((d) => (
            <tr key={d.id} className={`${cardTable.row} align-top`}>
              <Th scope="row" className={`${cardTable.cell} font-semibold max-md:text-lg`}>
                {d.label}
              </Th>
              <td className={`${cardTable.shortCell} max-md:items-center`}>
                <CardLabel inline>Status</CardLabel>
                <DestinationStatusBadge status={d.status} />
              </td>
              <td className={`${cardTable.cell} md:min-w-48`}>
                <CardLabel>Why</CardLabel>
                <Why result={d} />
              </td>
              {withFixes && (
                <td className={cardTable.cell}>
                  {d.status !== "allowed" && <CardLabel>Fix</CardLabel>}
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
