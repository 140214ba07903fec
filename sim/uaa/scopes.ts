/** UAA's scope rules (UaaAuthorizationRequestManager): validation, intersection, and the `aud` they imply. */
import { OAuthError } from "./errors";

/** OAuth2Utils.parseParameterList: whitespace (or `+`) separated, duplicates dropped. */
export function parseScopeParam(value: string | undefined): string[] | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  return [...new Set(value.split(/[\s+]+/).filter(Boolean))];
}

/** Java's `Set.toString()`, which UAA's messages print. */
export const javaSet = (items: readonly string[]) => `[${items.join(", ")}]`;

export const invalidScope = (description: string) => new OAuthError(400, "invalid_scope", description);

/** A requested scope outside what the client may have is an error, not silently dropped. */
export function requireAllowed(requested: readonly string[] | undefined, allowed: readonly string[]): void {
  for (const scope of requested ?? []) {
    if (!allowed.includes(scope)) {
      throw invalidScope(`${scope} is invalid. Please use a valid scope name in the request`);
    }
  }
}

/**
 * A user token carries client scopes ∩ user groups ∩ requested scopes (all client scopes when none are
 * requested). Scopes the user lacks are dropped silently; if nothing is left, UAA refuses.
 */
export function grantUserScopes(
  clientScopes: readonly string[],
  userGroups: readonly string[],
  requested: readonly string[] | undefined,
): string[] {
  requireAllowed(requested, clientScopes);
  const wanted = requested ?? clientScopes;
  const granted = clientScopes.filter((scope) => userGroups.includes(scope) && wanted.includes(scope));
  if (granted.length === 0) {
    throw invalidScope(`${javaSet(wanted)} is invalid. This user is not allowed any of the requested scopes`);
  }
  return granted;
}

/**
 * `aud`: the client id, then a resource id per scope: the part before the last dot
 * (`cloud_controller.read` → `cloud_controller`), `openid` mapped to itself (UAA's scopeToResource),
 * other dotless scopes and `uaa.none` contributing nothing. CC requires `cloud_controller` in it.
 */
export function audience(clientId: string, scopes: readonly string[]): string[] {
  const ids = new Set([clientId]);
  for (const scope of scopes) {
    if (scope === "openid") ids.add("openid");
    else if (scope !== "uaa.none" && scope.includes(".") && !scope.endsWith(".")) {
      ids.add(scope.slice(0, scope.lastIndexOf(".")));
    }
  }
  return [...ids];
}
