import { ROW_PROTOCOLS, protocolFields, type RuleRow as Row } from "@/lib/changes/rule-rows";

const INPUT = "w-full min-w-0 rounded border border-base-dark p-2";

/**
 * One rule of the per-rule form: a fieldset whose legend is the rule's number, a control per field
 * its protocol takes (the others are not shown, and not sent), and under it what is wrong with it:
 * the form's own check, CF's 422 and the rules the engine cannot read. Every control's name starts
 * with the rule's number ("Rule 2 Protocol"), so a screen reader tells the rows apart. At narrow
 * widths the controls stack, one per line, and the row reads as a card.
 */
export function RuleRow({
  row,
  number,
  idPrefix,
  errors,
  onChange,
  onRemove,
}: {
  row: Row;
  /** From 1, as the rules table, the engine and CF's refusals number rules. */
  number: number;
  idPrefix: string;
  errors: readonly string[];
  onChange: (row: Row) => void;
  onRemove: () => void;
}) {
  const takes = protocolFields(row.protocol);
  const id = (field: string) => `${idPrefix}-${row.key}-${field}`;
  const set = (patch: Partial<Row>) => onChange({ ...row, ...patch });
  const label = (field: string, text: string) => (
    <label htmlFor={id(field)} className="block text-sm font-semibold">
      <span className="sr-only">Rule {number} </span>
      {text}
    </label>
  );
  const text = (field: "destination" | "ports" | "type" | "code" | "description", title: string) => (
    <div className="min-w-0">
      {label(field, title)}
      <input
        id={id(field)}
        type="text"
        value={row[field]}
        onChange={(event) => set({ [field]: event.target.value })}
        spellCheck={false}
        autoComplete="off"
        className={`${INPUT} ${field === "description" ? "" : "font-mono"}`}
      />
    </div>
  );

  return (
    <fieldset
      aria-describedby={errors.length > 0 ? id("errors") : undefined}
      className={`min-w-0 space-y-3 rounded border p-3 ${errors.length > 0 ? "border-error" : "border-base-light"}`}
    >
      <legend className="px-1 font-semibold">Rule {number}</legend>
      <div className="grid gap-3 md:grid-cols-[7rem_minmax(10rem,3fr)_minmax(10rem,2fr)_minmax(10rem,3fr)]">
        <div className="min-w-0">
          {label("protocol", "Protocol")}
          <select
            id={id("protocol")}
            value={row.protocol}
            onChange={(event) => set({ protocol: event.target.value })}
            className={INPUT}
          >
            {ROW_PROTOCOLS.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </div>
        {text("destination", "Destination")}
        {takes.ports && text("ports", "Ports")}
        {takes.icmp && (
          <div className="grid min-w-0 grid-cols-2 gap-2">
            {text("type", "ICMP type")}
            {text("code", "ICMP code")}
          </div>
        )}
        {!takes.ports && !takes.icmp && (
          <p className="self-end text-sm text-base-darker">Every protocol, every port.</p>
        )}
        {text("description", "Description")}
      </div>
      <div className="flex flex-wrap items-center gap-4">
        <label className="flex items-center gap-2">
          <input
            id={id("log")}
            type="checkbox"
            checked={row.log}
            onChange={(event) => set({ log: event.target.checked })}
          />
          <span className="sr-only">Rule {number} </span>Log
        </label>
        <button
          type="button"
          onClick={onRemove}
          className="min-h-11 rounded px-2 text-error-dark underline hover:bg-base-lightest"
        >
          Remove rule {number}
        </button>
      </div>
      {errors.length > 0 && (
        <ul id={id("errors")} className="list-disc pl-6 text-error-dark">
          {errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
