import { CardLabel, cardTable, Th } from "@/components/ui/table";
import type { SecurityGroupRule } from "@/lib/cf/schemas";

/**
 * A security group's rules as a real table; rule numbers match the provenance
 * shown elsewhere ("rule 2"). On a narrow screen each rule is a card (cardTable).
 */
export function RulesTable({ rules, caption }: { rules: readonly SecurityGroupRule[]; caption: string }) {
  if (rules.length === 0)
    return <p className="text-base-dark">{caption}: no rules, so this group allows nothing.</p>;
  return (
    // Scrolls on a wide screen too narrow for it, so it takes focus: a keyboard user can scroll it too.
    <div
      role="region"
      aria-label={`${caption}, scrollable`}
      tabIndex={0}
      className="overflow-x-auto max-md:overflow-visible"
    >
      <table className={`${cardTable.table} text-sm`}>
        <caption className="sr-only">{caption}</caption>
        <thead className={cardTable.head}>
          <tr className="border-b-2 border-base-light">
            <Th scope="col">Rule</Th>
            <Th scope="col">Protocol</Th>
            <Th scope="col">Destination</Th>
            <Th scope="col">Ports</Th>
            <Th scope="col">ICMP type / code</Th>
            <Th scope="col">Description</Th>
          </tr>
        </thead>
        <tbody className={cardTable.body}>
          {rules.map((rule, index) => (
            <tr key={index} className={cardTable.row}>
              <Th scope="row" className={`${cardTable.cell} font-normal max-md:font-semibold`}>
                <span className="md:hidden">Rule </span>
                {index + 1}
              </Th>
              <td className={`${cardTable.shortCell} font-mono`}>
                <CardLabel inline>Protocol</CardLabel>
                {rule.protocol}
              </td>
              <td className={`${cardTable.shortCell} font-mono break-all`}>
                <CardLabel inline>Destination</CardLabel>
                {rule.destination}
              </td>
              <td className={`${cardTable.shortCell} font-mono`}>
                <CardLabel inline>Ports</CardLabel>
                {rule.ports ?? (rule.protocol === "all" ? "all" : "—")}
              </td>
              <td className={`${cardTable.shortCell} font-mono`}>
                <CardLabel inline>ICMP type / code</CardLabel>
                {rule.type !== undefined || rule.code !== undefined
                  ? `${rule.type ?? "—"} / ${rule.code ?? "—"}`
                  : "—"}
              </td>
              <td className={cardTable.shortCell}>
                {rule.description && <CardLabel inline>Description</CardLabel>}
                {rule.description ?? ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
