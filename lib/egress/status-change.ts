import { z } from "zod";
import type { DestinationStatus } from "./evaluate";

/** One destination whose status a change moves: before → after. */
export type StatusChange = { id: string; label: string; before: DestinationStatus; after: DestinationStatus };

const destinationStatusSchema = z.enum(["allowed", "partial", "blocked"]);

/**
 * A StatusChange as the browser reads it from a route's JSON (a change's
 * preview, Bring into policy's plan). Its own module, so that the dialogs
 * which check it do not carry the engine.
 */
export const statusChangeSchema: z.ZodType<StatusChange> = z.object({
  id: z.string(),
  label: z.string(),
  before: destinationStatusSchema,
  after: destinationStatusSchema,
});
