/** Query strings and headers of CF API requests: pure helpers of the client. */

export type Query = Record<string, string | string[] | undefined>;

/** Builds `?a=1&b=x,y`; list values are comma-joined as CF expects, commas inside values escaped. */
export function toQueryString(query: Query = {}): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.map(encodeURIComponent).join(",") : encodeURIComponent(value);
    parts.push(`${encodeURIComponent(key)}=${text}`);
  }
  return parts.length > 0 ? `?${parts.join("&")}` : "";
}

/** The seconds or the date of a `Retry-After` header, in milliseconds from now. */
export function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
