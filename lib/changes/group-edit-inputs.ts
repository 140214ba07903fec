import { z } from "zod";
import { guidSchema } from "@/lib/cf/ids";

/**
 * The arguments of a group edit (app/security-groups/[guid]/actions.ts): the
 * rules as JSON text, exactly what `cf update-security-group GROUP FILE`
 * reads from its file, and the platform-wide flags. Only the shape is checked
 * here (an array of objects with CF's rule fields, each of its JSON type),
 * so that what the engine cannot read still reaches CF, whose own words
 * (`Rules[1]: destination …`, a 422) are shown next to the rule: CF is the
 * authority on what a valid rule is. Pure, so the client form imports it.
 */

/** CF's rule fields (docs/cf-behaviour.md §2.4), each as the JSON type CF accepts. */
export const ruleInputSchema = z.strictObject({
  protocol: z.string().max(20),
  destination: z.string().max(20_000),
  ports: z.string().max(2_000).optional(),
  type: z.number().int().optional(),
  code: z.number().int().optional(),
  description: z.string().max(2_000).optional(),
  log: z.boolean().optional(),
});

/** As many rules as a group may sensibly hold; CF's own limit is its request size. */
export const MAX_RULES = 1_000;
const MAX_RULES_TEXT = 500_000;

const rulesSchema = z.array(ruleInputSchema).max(MAX_RULES, `At most ${MAX_RULES} rules.`);

/** The rules' JSON text to rules, with a message that names the rule and field when the shape is wrong. */
export const rulesTextSchema = z
  .string()
  .max(MAX_RULES_TEXT, "The rules are too long.")
  .transform((text, ctx) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      ctx.addIssue({
        code: "custom",
        message: `The rules are not valid JSON: ${error instanceof Error ? withLineAndColumn(error.message, text) : "unreadable"}.`,
      });
      return z.NEVER;
    }
    const rules = rulesSchema.safeParse(parsed);
    if (!rules.success) {
      for (const issue of rules.error.issues) ctx.addIssue({ code: "custom", message: describeIssue(issue) });
      return z.NEVER;
    }
    return rules.data;
  });

/**
 * The parser's words with the line and column of its "position N", which browsers add and Node's
 * parser does not, so the server's message and the form's read alike and point into the text box.
 */
function withLineAndColumn(message: string, text: string): string {
  const position = /at position (\d+)/.exec(message)?.[1];
  if (position === undefined || /\(line \d+ column \d+\)/.test(message)) return message;
  const before = text.slice(0, Number(position)).split("\n");
  return `${message} (line ${before.length} column ${(before.at(-1)?.length ?? 0) + 1})`;
}

/** "Rule 2, ports: expected string" as the rules table numbers rules (from 1). */
function describeIssue(issue: z.core.$ZodIssue): string {
  const [index, field] = issue.path;
  if (typeof index !== "number") return `The rules must be a JSON array of rule objects: ${issue.message}.`;
  const where = field === undefined ? `Rule ${index + 1}` : `Rule ${index + 1}, ${String(field)}`;
  return `${where}: ${issue.message}.`;
}

const flag = z.boolean().optional();

/** `rules` absent: the rules stay as they are; a flag absent: it stays as it is. */
export const groupEditInput = z.strictObject({
  groupGuid: guidSchema,
  rules: rulesTextSchema.optional(),
  globallyEnabled: z.strictObject({ running: flag, staging: flag }).optional(),
});

export type GroupEditInput = z.input<typeof groupEditInput>;
export type RuleInput = z.output<typeof ruleInputSchema>;
