import { rulesTextSchema, type RuleInput } from "./group-edit-inputs";

/**
 * The per-rule form of a group's rules (docs/design.md §13, "Group edits"): each rule a row of
 * typed fields, converted to and from the JSON `cf update-security-group` reads, so both views edit
 * the same array and what is previewed and saved is that array. Shape checks stay with the zod
 * schema (`rulesTextSchema`) and validity with CF; the rows only refuse what they cannot express:
 * a required field left empty, an ICMP type that is not a number, a JSON rule whose fields its
 * protocol does not take (the rows would silently drop them). Pure, so the client form imports it.
 */

/** CF's protocols (docs/cf-behaviour.md §2.4); icmpv6 needs IPv6 on, which CF itself judges. */
export const ROW_PROTOCOLS = ["tcp", "udp", "icmp", "icmpv6", "all"] as const;

/** One rule as the form holds it: each field as typed, and which optional keys its JSON had. */
export type RuleRow = {
  key: string;
  protocol: string;
  destination: string;
  ports: string;
  type: string;
  code: string;
  description: string;
  log: boolean;
  /** The keys the rule came with (none for a new row): an empty description or a false log it had stays. */
  given: readonly string[];
};

export type RulesDraft = { mode: "rows"; rows: RuleRow[] } | { mode: "json"; text: string };

/** The fields a protocol takes: ports for tcp and udp, an ICMP type and code for icmp and icmpv6, none for all. */
export function protocolFields(protocol: string): { ports: boolean; icmp: boolean } {
  return {
    ports: protocol === "tcp" || protocol === "udp",
    icmp: protocol === "icmp" || protocol === "icmpv6",
  };
}

export function emptyRow(key: string): RuleRow {
  return {
    key,
    protocol: "tcp",
    destination: "",
    ports: "",
    type: "",
    code: "",
    description: "",
    log: false,
    given: [],
  };
}

const INTEGER = /^-?\d+$/;

/** A number for an integer's text, the text itself otherwise (the schema then names it), nothing when empty. */
const icmpValue = (text: string): number | string | undefined =>
  text.trim() === "" ? undefined : INTEGER.test(text.trim()) ? Number(text.trim()) : text;

/**
 * The rule a row stands for, with only the fields its protocol takes; an empty description or an
 * unticked log is left out unless the rule came with it. Keys in the schema's order, which is the
 * order the actions send whatever the order typed, so an untouched rule round-trips unchanged.
 */
export function ruleOfRow(row: RuleRow): Record<string, unknown> {
  const takes = protocolFields(row.protocol);
  const values: Record<string, unknown> = {
    protocol: row.protocol,
    destination: row.destination,
    ports: takes.ports && row.ports !== "" ? row.ports : undefined,
    type: takes.icmp ? icmpValue(row.type) : undefined,
    code: takes.icmp ? icmpValue(row.code) : undefined,
    description: row.description !== "" || row.given.includes("description") ? row.description : undefined,
    log: row.log || row.given.includes("log") ? row.log : undefined,
  };
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}

/** The rows as the JSON text the JSON view shows and the actions read. */
export const textOfRows = (rows: readonly RuleRow[]): string => JSON.stringify(rows.map(ruleOfRow), null, 2);

/** What a row cannot be sent without, each in a sentence for under the row. */
function rowProblems(row: RuleRow): string[] {
  const takes = protocolFields(row.protocol);
  const problems: string[] = [];
  if (row.destination.trim() === "")
    problems.push("A destination is required: an IP address, a CIDR such as 10.0.0.0/24, or a range A-B.");
  if (takes.ports && row.ports.trim() === "")
    problems.push(
      `Ports are required for ${row.protocol}: a port such as 443, a list such as 80,443, or a range such as 8000-9000.`,
    );
  if (takes.icmp)
    for (const [field, text] of [
      ["type", row.type],
      ["code", row.code],
    ] as const) {
      if (text.trim() === "") problems.push(`An ICMP ${field} is required for ${row.protocol} (-1 for any).`);
      else if (!INTEGER.test(text.trim()))
        problems.push(`The ICMP ${field} must be a whole number (-1 for any).`);
    }
  return problems;
}

/**
 * The rules the rows stand for, or each incomplete row's problems as the actions' field errors
 * (`rules.<index from 0>`), so they show under the row like CF's own refusal.
 */
export function rulesOfRows(
  rows: readonly RuleRow[],
): { ok: true; rules: RuleInput[] } | { ok: false; fieldErrors: Record<string, string[]> } {
  const fieldErrors: Record<string, string[]> = {};
  rows.forEach((row, index) => {
    const problems = rowProblems(row);
    if (problems.length > 0) fieldErrors[`rules.${index}`] = problems;
  });
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  return { ok: true, rules: rows.map(ruleOfRow) as RuleInput[] };
}

/** A JSON rule's fields its protocol does not take: the rows would drop them, so they must go in the JSON. */
function unshowable(rule: RuleInput, index: number): string[] {
  const where = `Rule ${index + 1}`;
  if (!(ROW_PROTOCOLS as readonly string[]).includes(rule.protocol))
    return [
      `${where}: the protocol "${rule.protocol}" is none of ${ROW_PROTOCOLS.join(", ")}; correct it in the JSON.`,
    ];
  const takes = protocolFields(rule.protocol);
  const extra = [
    ...(!takes.ports && rule.ports !== undefined ? ["ports"] : []),
    ...(!takes.icmp && rule.type !== undefined ? ["type"] : []),
    ...(!takes.icmp && rule.code !== undefined ? ["code"] : []),
  ];
  return extra.length === 0
    ? []
    : [
        `${where} is ${rule.protocol}, which takes no ${extra.join(" or ")} (Cloud Foundry refuses them); remove ${extra.map((f) => `"${f}"`).join(" and ")} in the JSON.`,
      ];
}

/**
 * The rows for a JSON text, or why it cannot be shown as rows: the schema's own messages (JSON
 * that does not parse, with its line and column; a wrong shape, naming rule and field), or the
 * fields a rule's protocol does not take.
 */
export function rowsOfText(
  text: string,
  keyOf: (index: number) => string = (index) => `rule-${index}`,
): { ok: true; rows: RuleRow[] } | { ok: false; errors: string[] } {
  const parsed = rulesTextSchema.safeParse(text);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((issue) => issue.message) };
  const errors = parsed.data.flatMap(unshowable);
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    rows: parsed.data.map((rule, index) => ({
      key: keyOf(index),
      protocol: rule.protocol,
      destination: rule.destination,
      ports: rule.ports ?? "",
      type: rule.type === undefined ? "" : String(rule.type),
      code: rule.code === undefined ? "" : String(rule.code),
      description: rule.description ?? "",
      log: rule.log ?? false,
      given: Object.keys(rule),
    })),
  };
}

/**
 * The JSON text a draft stands for, the one the actions take: the JSON view's text as typed, or
 * the rows' rules (refused, row by row, when a row is incomplete).
 */
export function textOfDraft(
  draft: RulesDraft,
): { ok: true; text: string } | { ok: false; fieldErrors: Record<string, string[]> } {
  if (draft.mode === "json") return { ok: true, text: draft.text };
  const rules = rulesOfRows(draft.rows);
  return rules.ok ? { ok: true, text: JSON.stringify(rules.rules, null, 2) } : rules;
}

/** Past this many rules the form opens on the JSON (the rows stay a click away): a page of fieldsets helps nobody. */
export const ROWS_AT_MOST = 100;

/** How the form opens: on the rows when the rules can be rows and are not too many, else on the JSON as given. */
export function openingDraft(text: string, rowsAtMost = ROWS_AT_MOST): RulesDraft {
  const rows = rowsOfText(text);
  return rows.ok && rows.rows.length <= rowsAtMost
    ? { mode: "rows", rows: rows.rows }
    : { mode: "json", text };
}
