/**
 * Redirect-URI matching as UAA's (legacy, default) resolver does it: a registered URI without wildcards
 * matches the same scheme, host, port and path, with at least the registered query parameters; a
 * registered URI with Ant-style wildcards (`*` within a path segment or host label run, `**` across
 * segments, `?` one character) matches by pattern, but never a URI carrying user info, whose host
 * could be spoofed (`http://a@evil.example`).
 */

const WILDCARD = /[*?]/;

export function redirectMatches(registered: string, requested: string): boolean {
  const url = parseHttpUrl(requested);
  if (!url || url.username || url.password || url.hash) return false;
  return WILDCARD.test(registered) ? wildcardMatches(registered, url) : exactMatches(registered, url);
}

export function anyRedirectMatches(registered: readonly string[], requested: string): boolean {
  return registered.some((pattern) => redirectMatches(pattern, requested));
}

function exactMatches(registered: string, url: URL): boolean {
  const expected = parseHttpUrl(registered);
  if (!expected) return false;
  if (expected.protocol !== url.protocol || expected.host !== url.host) return false;
  if (expected.pathname !== url.pathname) return false;
  // Spring's DefaultRedirectResolver: every registered query parameter must be present with its value.
  for (const [key, value] of expected.searchParams) {
    if (!url.searchParams.getAll(key).includes(value)) return false;
  }
  return true;
}

function wildcardMatches(registered: string, url: URL): boolean {
  const parts = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)(.*)$/i.exec(registered);
  if (!parts) return false;
  const [, scheme = "", authority = "", rest = ""] = parts;
  if (`${scheme.toLowerCase()}:` !== url.protocol) return false;
  // The URL parser has already reduced the requested host to host[:port], so `*` cannot reach past it.
  if (!antPattern(authority.toLowerCase()).test(url.host)) return false;
  return antPattern(rest || "/").test(`${url.pathname}${url.search}`);
}

function antPattern(pattern: string): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] ?? "";
    if (c === "*" && pattern[i + 1] === "*") {
      source += ".*";
      i++;
    } else if (c === "*") {
      source += "[^/]*";
    } else if (c === "?") {
      source += "[^/]";
    } else {
      source += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
    }
  }
  return new RegExp(`^${source}$`);
}

function parseHttpUrl(value: string): URL | undefined {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Adds query parameters to a redirect target, keeping what is already there. */
export function withQuery(target: string, params: Record<string, string | undefined>): string {
  const url = new URL(target);
  for (const [key, value] of Object.entries(params))
    if (value !== undefined) url.searchParams.append(key, value);
  return url.toString();
}

/** Sets the fragment, which is where UAA puts errors for responses that a browser script reads. */
export function withFragment(target: string, params: Record<string, string>): string {
  const url = new URL(target);
  url.hash = new URLSearchParams(params).toString();
  return url.toString();
}
