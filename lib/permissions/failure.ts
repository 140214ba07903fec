import { failure, type Failure } from "@/lib/failures";
import type { Decision } from "./index";

/** A refusal as the one failure model's value, for actions and route handlers; null when allowed. */
export function refusalFailure(decision: Decision): Failure | null {
  return decision.allowed ? null : failure(decision.refusal.kind, decision.refusal.message);
}
