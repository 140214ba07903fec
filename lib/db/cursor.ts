import { z } from "zod";

/**
 * The activity page's cursor: the position (occurred_at, id) of the last
 * entry shown, as base64url so that it is opaque in URLs. Keyset rather than
 * offset pagination, so a page does not shift when entries are added, and
 * the id breaks ties between entries of the same millisecond.
 */

export type Cursor = { occurredAt: number; id: number };

const decodedSchema = z
  .string()
  .regex(/^\d{1,16}:\d{1,16}$/)
  .transform((text) => {
    const [occurredAt, id] = text.split(":").map(Number);
    return { occurredAt: occurredAt ?? 0, id: id ?? 0 };
  })
  .refine((c) => Number.isSafeInteger(c.occurredAt) && Number.isSafeInteger(c.id));

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.occurredAt}:${cursor.id}`, "utf8").toString("base64url");
}

export function decodeCursor(text: string): { ok: true; cursor: Cursor } | { ok: false; message: string } {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(text)) return { ok: false, message: "The page cursor is not valid." };
  const parsed = decodedSchema.safeParse(Buffer.from(text, "base64url").toString("utf8"));
  return parsed.success
    ? { ok: true, cursor: parsed.data }
    : { ok: false, message: "The page cursor is not valid." };
}
