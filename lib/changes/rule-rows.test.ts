import { describe, expect, it } from "vitest";
import { rulesTextSchema } from "./group-edit-inputs";
import {
  emptyRow,
  openingDraft,
  rowsOfText,
  rulesOfRows,
  textOfDraft,
  textOfRows,
  type RuleRow,
} from "./rule-rows";

const RULES = [
  { protocol: "tcp", destination: "10.10.0.0/22", ports: "5432,3306", description: "RDS" },
  { protocol: "udp", destination: "0.0.0.0/0", ports: "53", log: false },
  { protocol: "icmp", destination: "10.0.0.0-10.0.0.255", type: -1, code: 0, description: "" },
  { protocol: "all", destination: "192.168.1.1", log: true },
];

function rowsOf(text: string): RuleRow[] {
  const result = rowsOfText(text);
  if (!result.ok) throw new Error(result.errors.join("\n"));
  return result.rows;
}

describe("rows and the rules' JSON", () => {
  it("round-trips rules through rows unchanged, as the schema reads them (empty description and false log kept)", () => {
    const text = JSON.stringify(RULES, null, 2);
    expect(textOfRows(rowsOf(text))).toBe(text);
    expect(JSON.parse(textOfRows(rowsOf(text)))).toEqual(rulesTextSchema.parse(text));
    expect(textOfDraft({ mode: "rows", rows: rowsOf(text) })).toEqual({ ok: true, text });
  });

  it("writes a rule in the schema's key order whatever order it was typed in, as the actions send it", () => {
    const typed = '[{"ports":"443","description":"x","destination":"10.0.0.1","protocol":"tcp"}]';
    expect(JSON.parse(textOfRows(rowsOf(typed)))).toEqual(rulesTextSchema.parse(typed));
    const [written] = JSON.parse(textOfRows(rowsOf(typed))) as Record<string, unknown>[];
    expect(Object.keys(written ?? {})).toEqual(Object.keys(rulesTextSchema.parse(typed)[0] ?? {}));
  });

  it("sends only the fields the protocol takes, keeping the others in the row while it is edited", () => {
    const [row] = rowsOf(JSON.stringify([RULES[0]]));
    if (!row) throw new Error("no row");
    const icmp = { ...row, protocol: "icmp", type: "3", code: "-1" };
    expect(rulesOfRows([icmp])).toEqual({
      ok: true,
      rules: [{ protocol: "icmp", destination: "10.10.0.0/22", type: 3, code: -1, description: "RDS" }],
    });
    expect(rulesOfRows([{ ...icmp, protocol: "all" }])).toEqual({
      ok: true,
      rules: [{ protocol: "all", destination: "10.10.0.0/22", description: "RDS" }],
    });
    // Back to tcp: the ports typed before are still there; the ICMP fields are not sent.
    expect(rulesOfRows([{ ...icmp, protocol: "tcp" }])).toEqual({ ok: true, rules: [RULES[0]] });
  });

  it("leaves out an empty description and an unticked log on a new rule", () => {
    const row = { ...emptyRow("n1"), destination: "10.0.0.5", ports: "443" };
    expect(rulesOfRows([row])).toEqual({
      ok: true,
      rules: [{ protocol: "tcp", destination: "10.0.0.5", ports: "443" }],
    });
    expect(rulesOfRows([{ ...row, log: true, description: "API" }])).toEqual({
      ok: true,
      rules: [{ protocol: "tcp", destination: "10.0.0.5", ports: "443", description: "API", log: true }],
    });
  });

  it("refuses an incomplete row under its own index, saying what it needs", () => {
    const good = { ...emptyRow("a"), destination: "10.0.0.5", ports: "443" };
    expect(rulesOfRows([good, emptyRow("b")])).toEqual({
      ok: false,
      fieldErrors: {
        "rules.1": [
          "A destination is required: an IP address, a CIDR such as 10.0.0.0/24, or a range A-B.",
          "Ports are required for tcp: a port such as 443, a list such as 80,443, or a range such as 8000-9000.",
        ],
      },
    });
    expect(rulesOfRows([{ ...good, protocol: "udp", ports: "  " }])).toMatchObject({
      fieldErrors: { "rules.0": [expect.stringMatching(/^Ports are required for udp: /)] },
    });
    expect(rulesOfRows([{ ...good, protocol: "icmp", type: "", code: "x" }])).toEqual({
      ok: false,
      fieldErrors: {
        "rules.0": [
          "An ICMP type is required for icmp (-1 for any).",
          "The ICMP code must be a whole number (-1 for any).",
        ],
      },
    });
    // What only CF can judge is not judged here: it reaches CF, whose words show under the row.
    expect(rulesOfRows([{ ...good, destination: "10.0.0.0/33", ports: "99999" }]).ok).toBe(true);
  });

  it("keeps text that is not an ICMP number as text in the JSON, for the schema to name", () => {
    const row = { ...emptyRow("a"), protocol: "icmp", destination: "10.0.0.5", type: "echo", code: "" };
    expect(JSON.parse(textOfRows([row]))).toEqual([
      { protocol: "icmp", destination: "10.0.0.5", type: "echo" },
    ]);
    expect(rowsOfText(textOfRows([row]))).toEqual({
      ok: false,
      errors: ["Rule 1, type: Invalid input: expected number, received string."],
    });
  });

  it("stays on the JSON when it does not parse, with the parser's line and column", () => {
    const result = rowsOfText('[\n  {"protocol": "tcp",,}\n]');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(/^The rules are not valid JSON: .*line 2 column/);
  });

  it("refuses to show as rows what the rows would drop, naming the rule and the fields", () => {
    expect(
      rowsOfText(JSON.stringify([RULES[0], { protocol: "icmp", destination: "10.0.0.1", ports: "80" }])),
    ).toEqual({
      ok: false,
      errors: [
        'Rule 2 is icmp, which takes no ports (Cloud Foundry refuses them); remove "ports" in the JSON.',
      ],
    });
    expect(
      rowsOfText(JSON.stringify([{ protocol: "all", destination: "10.0.0.1", type: 0, code: 0 }])),
    ).toEqual({
      ok: false,
      errors: [
        'Rule 1 is all, which takes no type or code (Cloud Foundry refuses them); remove "type" and "code" in the JSON.',
      ],
    });
    expect(rowsOfText(JSON.stringify([{ protocol: "TCP", destination: "10.0.0.1" }]))).toEqual({
      ok: false,
      errors: ['Rule 1: the protocol "TCP" is none of tcp, udp, icmp, icmpv6, all; correct it in the JSON.'],
    });
    expect(rowsOfText('{"protocol":"tcp"}')).toMatchObject({ ok: false });
  });

  it("gives each row its own key, and an empty array no rows", () => {
    expect(rowsOf(JSON.stringify(RULES)).map((r) => r.key)).toEqual(["rule-0", "rule-1", "rule-2", "rule-3"]);
    expect(rowsOf("[]")).toEqual([]);
    expect(textOfRows([])).toBe("[]");
    expect(textOfDraft({ mode: "json", text: "[{" })).toEqual({ ok: true, text: "[{" });
  });

  it("opens on the rows, or on the JSON as given when the rules cannot be rows or are too many", () => {
    const text = JSON.stringify(RULES, null, 2);
    expect(openingDraft(text)).toEqual({ mode: "rows", rows: rowsOf(text) });
    expect(openingDraft(text, 3)).toEqual({ mode: "json", text });
    const icmpWithPorts = JSON.stringify([{ protocol: "icmp", destination: "10.0.0.1", ports: "80" }]);
    expect(openingDraft(icmpWithPorts)).toEqual({ mode: "json", text: icmpWithPorts });
  });
});
