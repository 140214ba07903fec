/**
 * CF's refusal of the rules, each problem next to the rule it names (`rules.<index>` field errors,
 * from CF's 422 "Rules[i]: …"), under the rule as it was sent.
 */
export function RuleRefusals({
  rules,
  fieldErrors,
}: {
  rules: readonly Record<string, unknown>[];
  fieldErrors: Record<string, string[]>;
}) {
  const indexes = Object.keys(fieldErrors)
    .map((key) => /^rules\.(\d+)$/.exec(key)?.[1])
    .filter((i): i is string => i !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
  if (indexes.length === 0) return null;
  return (
    <ul aria-label="Rules Cloud Foundry refused" className="space-y-2">
      {indexes.map((index) => {
        const rule = rules[index];
        return (
          <li key={index} className="border-l-4 border-error pl-3">
            <p className="font-semibold">
              Rule {index + 1}
              {rule ? (
                <>
                  : <code className="font-mono">{JSON.stringify(rule)}</code>
                </>
              ) : null}
            </p>
            <ul className="list-disc pl-6 text-error-dark">
              {(fieldErrors[`rules.${index}`] ?? []).map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          </li>
        );
      })}
    </ul>
  );
}
