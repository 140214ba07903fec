import type { FailureKind } from "@/lib/failures";

/**
 * What every server action answers (docs/design.md §2). Pure types, so client
 * components import them without pulling in server code.
 */
export type ActionFailure = {
  ok: false;
  kind: FailureKind;
  message: string;
  /** Per field (dotted path), the reasons its value was refused. */
  fieldErrors?: Record<string, string[]>;
};

export type ActionResult<T extends object = object> = ({ ok: true; message: string } & T) | ActionFailure;

/** A server action as a client component receives it (a prop from its server component). */
export type Action<I, T extends object = object> = (input: I) => Promise<ActionResult<T>>;
