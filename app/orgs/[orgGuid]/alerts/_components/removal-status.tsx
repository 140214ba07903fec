"use client";

import { createContext, useActionState, useContext, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import type { FormState } from "@/lib/actions/define-action";

/**
 * Removing a destination re-renders the table without its row, so the row
 * cannot say how the removal went: the action's state lives here, beside the
 * table, and its result is said below it (for screen readers too); each row's
 * Remove button posts through it.
 */

type FormAction = (previous: FormState, data: FormData) => Promise<FormState>;
const Remove = createContext<{ action: (data: FormData) => void; pending: boolean } | null>(null);

export function RemovalStatus({ remove, children }: { remove: FormAction; children: ReactNode }) {
  const [state, action, pending] = useActionState(remove, { status: "idle" });
  return (
    <Remove.Provider value={{ action, pending }}>
      {children}
      <p
        role={state.status === "done" && !state.ok ? "alert" : "status"}
        className={
          state.status === "done" && !state.ok ? "font-semibold text-error-dark" : "text-success-darker"
        }
      >
        {state.status === "done" ? state.message : ""}
      </p>
    </Remove.Provider>
  );
}

export function RemoveButton({ fields }: { fields: Record<string, string> }) {
  const remove = useContext(Remove);
  if (!remove) return null;
  return (
    <form action={remove.action}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button type="submit" variant="secondary" size="compact" disabled={remove.pending}>
        {remove.pending ? "Removing…" : "Remove"}
      </Button>
    </form>
  );
}
