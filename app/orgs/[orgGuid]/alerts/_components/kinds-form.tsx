import type { FormState } from "@/lib/actions/define-action";
import { ALERT_KIND_LABELS, ALERT_KINDS, type AlertKind } from "@/lib/alert-format/payload";
import { ActionForm } from "./action-form";

/**
 * The kinds of event the org is subscribed to: checkboxes for its managers,
 * a plain list for everyone else who can see the org.
 */
export function KindsForm({
  action,
  orgGuid,
  subscribed,
  canManage,
}: {
  action: (previous: FormState, data: FormData) => Promise<FormState>;
  orgGuid: string;
  subscribed: readonly AlertKind[];
  canManage: boolean;
}) {
  if (!canManage) {
    return subscribed.length === 0 ? (
      <p>This org is subscribed to no alerts.</p>
    ) : (
      <ul className="list-disc space-y-1 pl-6">
        {subscribed.map((kind) => (
          <li key={kind}>
            <span className="font-semibold">{ALERT_KIND_LABELS[kind].label}</span>:{" "}
            {ALERT_KIND_LABELS[kind].hint}
          </li>
        ))}
      </ul>
    );
  }
  return (
    <ActionForm
      action={action}
      fields={{ orgGuid }}
      label="Save the kinds"
      pendingLabel="Saving…"
      variant="primary"
    >
      <fieldset className="space-y-3">
        <legend className="sr-only">Kinds of event</legend>
        {ALERT_KINDS.map((kind) => (
          <div key={kind} className="flex items-start gap-3">
            <input
              id={`kind-${kind}`}
              type="checkbox"
              name="kinds"
              value={kind}
              defaultChecked={subscribed.includes(kind)}
              aria-describedby={`kind-${kind}-hint`}
              className="mt-1 size-5"
            />
            <div>
              <label htmlFor={`kind-${kind}`} className="font-semibold">
                {ALERT_KIND_LABELS[kind].label}
              </label>
              <p id={`kind-${kind}-hint`} className="text-base-dark">
                {ALERT_KIND_LABELS[kind].hint}
              </p>
            </div>
          </div>
        ))}
      </fieldset>
    </ActionForm>
  );
}
