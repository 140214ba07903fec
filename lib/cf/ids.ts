import { z } from "zod";

/**
 * A CF guid in a route or an action argument. CF's guids are UUIDs; anything
 * else is refused before a request is made (a 404 page, or an action error).
 */
export const guidSchema = z.guid();

export function isGuid(value: unknown): value is string {
  return guidSchema.safeParse(value).success;
}
