import { useId, type SelectHTMLAttributes } from "react";

/**
 * A native select with its label above it; native so it works without
 * JavaScript and on every device. The label is tied by id rather than
 * wrapping the select, so the control's name is the label alone (not the
 * label followed by every option's text).
 */
export function Select({
  label,
  options,
  className = "",
  id,
  ...props
}: SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  options: readonly { value: string; label: string }[];
}) {
  const generated = useId();
  const selectId = id ?? generated;
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={selectId} className="font-semibold">
        {label}
      </label>
      <select id={selectId} className="min-h-11 rounded border border-base-dark bg-white px-3" {...props}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
