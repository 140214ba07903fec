"use client";

import { useActionState, type ReactNode } from "react";
import { Button, type ButtonVariant } from "@/components/ui/button";
import type { FormState } from "@/lib/actions/define-action";

/**
 * A one-button form for a server action (send a test, remove, save the
 * kinds), with its result announced beside it. Works without JavaScript.
 */
export function ActionForm({
  action,
  fields,
  label,
  pendingLabel,
  variant = "secondary",
  children,
  disabled = false,
}: {
  action: (previous: FormState, data: FormData) => Promise<FormState>;
  fields: Record<string, string>;
  label: string;
  pendingLabel: string;
  variant?: ButtonVariant;
  children?: ReactNode;
  disabled?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  return (
    <form action={formAction} className="space-y-2">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      <Button type="submit" variant={variant} size="compact" disabled={pending || disabled}>
        {pending ? pendingLabel : label}
      </Button>
      {state.status === "done" && (
        <p
          role={state.ok ? "status" : "alert"}
          className={state.ok ? "text-success-darker" : "font-semibold text-error-dark"}
        >
          {state.message}
        </p>
      )}
    </form>
  );
}
