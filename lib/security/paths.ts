/**
 * Whether a request path can be decoded. Next decodes a route's dynamic
 * segments with decodeURIComponent, and a malformed percent escape
 * (`/orgs/%zz`, `/orgs/%E0%A4%A`) fails its router with a bare 500 before any
 * of the app's code runs; the proxy answers such an address itself. Pure.
 */
export function decodablePath(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}
