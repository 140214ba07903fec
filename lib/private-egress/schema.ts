import { z } from "zod";
import { checkPrivateCidrs, checkPublicIp, type Checked, type PlatformNetwork } from "./addresses";
import { ENDPOINT_TYPE_IDS } from "./endpoints";

export { REQUEST_FIELDS, type RequestField } from "./fields";

/**
 * The private-egress request form (seed 004's four items, and the org), as
 * the server action validates it. Field names are the form's `name`s, so
 * zod's issue paths are the keys of the field errors shown beside each field.
 * Every field reports its own problems, whatever the other fields hold.
 */

export const MAX_APPS = 100_000;
export const MAX_OTHER_LENGTH = 200;

/** A field as one form value; a missing or repeated field is refused with the field's own sentence. */
const field = (missing: string) => z.string({ error: missing });

/** Applies a checker, turning each of its messages into an issue on this field. */
function checked<T>(check: (text: string) => Checked<T>) {
  return (text: string, ctx: z.RefinementCtx): T => {
    const result = check(text);
    if (result.ok) return result.value;
    for (const message of result.messages) ctx.addIssue({ code: "custom", message });
    return z.NEVER;
  };
}

function appCount(text: string): Checked<number> {
  const trimmed = text.trim();
  const fail = (message: string): Checked<number> => ({ ok: false, messages: [message] });
  if (trimmed === "") return fail("Enter the approximate number of apps that will use the connection.");
  if (!/^\d+$/.test(trimmed)) {
    return fail(`“${trimmed.slice(0, 20)}” is not a whole number: enter digits only, such as 12.`);
  }
  const count = Number(trimmed);
  if (count < 1) return fail("Enter at least 1 app.");
  if (count > MAX_APPS) {
    return fail(
      `Enter at most ${MAX_APPS.toLocaleString("en-US")} apps; for more, contact support directly.`,
    );
  }
  return { ok: true, value: count };
}

export function requestSchema(platform: readonly PlatformNetwork[]) {
  return z
    .object({
      orgGuid: field("Choose the org that needs private egress.")
        .trim()
        .min(1, "Choose the org that needs private egress.")
        .pipe(z.guid("Choose one of your orgs from the list.")),
      endpointIp: field("Enter the public IP address of your IPsec endpoint.").transform(
        checked(checkPublicIp),
      ),
      privateCidrs: field("Enter at least one private network, as a CIDR such as 10.20.0.0/16.")
        .max(10_000, "That is too much text: enter one CIDR per line, at most 100 of them.")
        .transform(checked((text) => checkPrivateCidrs(text, platform))),
      endpointType: z.enum(ENDPOINT_TYPE_IDS, { error: "Choose the type of your IPsec endpoint." }),
      // Always sent by the form (the field is always there, so it works without JavaScript).
      endpointOther: field("Name your IPsec endpoint.")
        .trim()
        .max(MAX_OTHER_LENGTH, `Keep the endpoint's name under ${MAX_OTHER_LENGTH} characters.`)
        .optional()
        .default(""),
      appCount: field("Enter the approximate number of apps that will use the connection.").transform(
        checked(appCount),
      ),
    })
    .refine(
      (value) =>
        (value as { endpointType?: unknown }).endpointType !== "other" ||
        (typeof value.endpointOther === "string" && value.endpointOther !== ""),
      {
        message: "You chose “Other”: name your IPsec endpoint, such as “Libreswan 4.12”.",
        path: ["endpointOther"],
        // Also when other fields failed, so every field's problem shows at once.
        when: () => true,
      },
    );
}

export type RequestInput = z.output<ReturnType<typeof requestSchema>>;
