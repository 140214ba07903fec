/**
 * The rules as the user typed them, for showing CF's refusal next to each (./rule-refusals.tsx);
 * [] when they do not parse. Pure; shared by the edit and create forms.
 */
export function typedRules(text: string): Record<string, unknown>[] {
  try {
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value)) return [];
    return (value as unknown[]).map((rule) =>
      typeof rule === "object" && rule !== null ? (rule as Record<string, unknown>) : {},
    );
  } catch {
    return [];
  }
}
