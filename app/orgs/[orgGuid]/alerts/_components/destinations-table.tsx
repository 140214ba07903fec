import { CardLabel, cardTable, Th } from "@/components/ui/table";
import type { FormState } from "@/lib/actions/define-action";
import type { DestinationSummary } from "@/lib/db/alert-types";
import { ActionForm } from "./action-form";
import { RemovalStatus, RemoveButton } from "./removal-status";

type FormAction = (previous: FormState, data: FormData) => Promise<FormState>;

/** The org's destinations, their deliveries counted, each with "Send a test" and "Remove" (managers only). */
export function DestinationsTable({
  orgGuid,
  destinations,
  sendTest,
  remove,
}: {
  orgGuid: string;
  destinations: DestinationSummary[];
  sendTest: FormAction;
  remove: FormAction;
}) {
  return (
    <RemovalStatus remove={remove}>
      {destinations.length === 0 ? <p>No destination yet: alerts go nowhere.</p> : null}
      {destinations.length > 0 && (
        <table className={cardTable.table}>
          <caption className="sr-only">Where this org&rsquo;s alerts go</caption>
          <thead className={cardTable.head}>
            <tr className="border-b-2 border-base-light">
              <Th scope="col">Destination</Th>
              <Th scope="col">Delivered</Th>
              <Th scope="col">Waiting</Th>
              <Th scope="col">Failed</Th>
              <Th scope="col">Actions</Th>
            </tr>
          </thead>
          <tbody className={cardTable.body}>
            {destinations.map((d) => {
              const fields = { orgGuid, destinationId: String(d.id) };
              return (
                <tr key={d.id} className={cardTable.row} data-testid={`destination-${d.id}`}>
                  <th scope="row" className={`${cardTable.cell} text-left font-normal`}>
                    <span className="block font-semibold">
                      {d.channel === "webhook" ? "Webhook" : "Email"}
                    </span>
                    <span className="break-all">{d.target}</span>
                    <span className="block text-sm text-base-dark">added by {d.createdBy}</span>
                  </th>
                  <td className={cardTable.shortCell}>
                    <CardLabel inline>Delivered</CardLabel>
                    {d.delivered}
                  </td>
                  <td className={cardTable.shortCell}>
                    <CardLabel inline>Waiting</CardLabel>
                    {d.pending}
                  </td>
                  <td className={cardTable.shortCell}>
                    <CardLabel inline>Failed</CardLabel>
                    {d.failed}
                  </td>
                  <td className={cardTable.cell}>
                    <CardLabel>Actions</CardLabel>
                    <div className="flex flex-wrap items-start gap-3">
                      <ActionForm
                        action={sendTest}
                        fields={fields}
                        label="Send a test"
                        pendingLabel="Sending…"
                      />
                      <RemoveButton fields={fields} />
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </RemovalStatus>
  );
}
