/**
 * Per-request security headers. The nonce lets Next's own inline scripts run
 * while every other inline script is refused; `strict-dynamic` lets those
 * trusted scripts load the app's chunks.
 */
export type CspOptions = {
  nonce: string;
  /** Dev mode needs eval for React's debugging and fast refresh. */
  development: boolean;
  /** Origins that forms may post or redirect to (the UAA, for sign-in). */
  formActionOrigins?: readonly string[];
  /** Production is served over https only, so upgrade stray http references. */
  production: boolean;
};

export function contentSecurityPolicy({
  nonce,
  development,
  formActionOrigins = [],
  production,
}: CspOptions): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": [
      "'self'",
      `'nonce-${nonce}'`,
      "'strict-dynamic'",
      ...(development ? ["'unsafe-eval'"] : []),
    ],
    "style-src": ["'self'", `'nonce-${nonce}'`],
    // React Aria positions popovers and hides text visually with style attributes.
    "style-src-attr": ["'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'", ...formActionOrigins],
    "frame-ancestors": ["'none'"],
    ...(production ? { "upgrade-insecure-requests": [] } : {}),
  };
  return Object.entries(directives)
    .map(([name, values]) => [name, ...values].join(" "))
    .join("; ");
}

export const HSTS_VALUE = "max-age=63072000; includeSubDomains";

/** A nonce of 128 random bits, base64-encoded as CSP expects. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
