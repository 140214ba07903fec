export type PlatformWideFlags = { running: boolean; staging: boolean };

/**
 * A group's two platform-wide flags (running, staging), as an edit and a create both offer them;
 * `errors` are the action's field errors for them, listed under the boxes.
 */
export function PlatformWideFlagsFieldset({
  flags,
  onChange,
  errors = [],
}: {
  flags: PlatformWideFlags;
  onChange: (flags: PlatformWideFlags) => void;
  errors?: readonly string[];
}) {
  return (
    <fieldset className="space-y-1">
      <legend className="font-semibold">Platform-wide (every space of the foundation)</legend>
      {(["running", "staging"] as const).map((lifecycle) => (
        <label key={lifecycle} className="flex items-center gap-2">
          <input
            type="checkbox"
            checked={flags[lifecycle]}
            onChange={(event) => onChange({ ...flags, [lifecycle]: event.target.checked })}
          />
          Enabled for {lifecycle}
        </label>
      ))}
      {errors.length > 0 && (
        <ul className="list-disc pl-6 text-error-dark">
          {errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

/** What a form says when rows are incomplete and nothing was sent (their problems show under them). */
export function incompleteRulesMessage(fieldErrors: Record<string, string[]>): string {
  const numbers = Object.keys(fieldErrors).map((key) => Number(key.split(".")[1]) + 1);
  return numbers.length === 1
    ? `Nothing was sent: complete rule ${numbers[0]} first (see under it).`
    : `Nothing was sent: complete rules ${numbers.join(", ")} first (see under them).`;
}
