import type { Request } from "../http";
import type { World } from "../world";
import type { Access } from "./access";
import type { Caller } from "./auth";
import { messageParseError, unprocessable } from "./errors";
import type { Presenter } from "./present";
import type { RuleFlags } from "./rules";

/** What every CF route handler gets: the state, the caller and what they may do. */
export type Ctx = {
  world: World;
  present: Presenter;
  flags: RuleFlags;
  /** The authenticated caller (routes that need no token never read it). */
  caller: Caller;
  access: Access;
};

/** A JSON object body, or CC's parse error. */
export async function readJsonObject(req: Request): Promise<Record<string, unknown>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await req.body());
  } catch {
    throw messageParseError();
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw messageParseError();
  return parsed as Record<string, unknown>;
}

/** CC refuses unknown top-level keys with 422 `Unknown field(s): 'x'`. */
export function rejectUnknownFields(body: Record<string, unknown>, allowed: string[]): void {
  const unknown = Object.keys(body).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) throw unprocessable(`Unknown field(s): ${unknown.map((k) => `'${k}'`).join(", ")}`);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
