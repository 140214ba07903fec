import { Th } from "@/components/ui/table";
import type { SecurityGroupRule } from "@/lib/cf/schemas";

/** A security group's rules as a real table; rule numbers match the provenance shown elsewhere ("rule 2"). */
export function RulesTable({ rules, caption }: { rules: readonly SecurityGroupRule[]; caption: string }) {
  if (rules.length === 0)
    return <p className="text-base-dark">{caption}: no rules, so this group allows nothing.</p>;
  return (
    // Scrolls on a narrow screen, so it takes focus: a keyboard user can scroll it too.
    <div role="region" aria-label={`${caption}, scrollable`} tabIndex={0} className="overflow-x-auto">
      <table className="w-full border-collapse text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b-2 border-base-light">
            <Th scope="col">Rule</Th>
            <Th scope="col">Protocol</Th>
            <Th scope="col">Destination</Th>
            <Th scope="col">Ports</Th>
            <Th scope="col">ICMP type / code</Th>
            <Th scope="col">Description</Th>
          </tr>
        </thead>
        <tbody>
          {rules.map((rule, index) => (
            <tr key={index} className="border-b border-base-lighter">
              <Th scope="row" className="px-2 py-2 font-normal">
                {index + 1}
              </Th>
              <td className="px-2 py-2 font-mono">{rule.protocol}</td>
              <td className="px-2 py-2 font-mono break-all">{rule.destination}</td>
              <td className="px-2 py-2 font-mono">{rule.ports ?? (rule.protocol === "all" ? "all" : "—")}</td>
              <td className="px-2 py-2 font-mono">
                {rule.type !== undefined || rule.code !== undefined
                  ? `${rule.type ?? "—"} / ${rule.code ?? "—"}`
                  : "—"}
              </td>
              <td className="px-2 py-2">{rule.description ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
