import { CardLabel, cardTable, Th } from "@/components/ui/table";
import type { DeliveryRow } from "@/lib/db/alert-types";

const STATE_WORDS = { pending: "waiting", delivered: "delivered", failed: "failed" } as const;
const time = (ms: number) => `${new Date(ms).toISOString().slice(0, 19).replace("T", " ")} UTC`;

/** The latest deliveries: what was sent where, how many attempts, and why the last one failed. */
export function DeliveriesTable({ deliveries }: { deliveries: DeliveryRow[] }) {
  if (deliveries.length === 0) return <p>No alert has been sent yet.</p>;
  return (
    <table className={cardTable.table}>
      <caption className="sr-only">The latest alert deliveries, newest first</caption>
      <thead className={cardTable.head}>
        <tr className="border-b-2 border-base-light">
          <Th scope="col">Event</Th>
          <Th scope="col">Destination</Th>
          <Th scope="col">State</Th>
          <Th scope="col">Attempts</Th>
          <Th scope="col">Last error</Th>
        </tr>
      </thead>
      <tbody className={cardTable.body}>
        {deliveries.map((d) => (
          <tr key={d.id} className={cardTable.row} data-testid="delivery" data-state={d.state}>
            <th scope="row" className={`${cardTable.cell} text-left font-normal`}>
              <span className="block font-semibold">{d.kind}</span>
              <span className="block text-sm text-base-dark">
                {time(d.createdAt)} · <code>{d.idempotencyKey}</code>
              </span>
            </th>
            <td className={`${cardTable.cell} break-all`}>
              <CardLabel>Destination</CardLabel>
              {d.target}
            </td>
            <td className={cardTable.shortCell}>
              <CardLabel inline>State</CardLabel>
              <span className={d.state === "failed" ? "font-semibold text-error-dark" : ""}>
                {STATE_WORDS[d.state]}
              </span>
              {d.state === "pending" && d.attempts > 0 && (
                <span className="block text-sm text-base-dark">next try {time(d.nextAttemptAt)}</span>
              )}
            </td>
            <td className={cardTable.shortCell}>
              <CardLabel inline>Attempts</CardLabel>
              {d.attempts}
            </td>
            <td className={cardTable.cell}>
              <CardLabel>Last error</CardLabel>
              {d.lastError ?? "—"}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
