import type { Reply } from "../http";

/**
 * CF API v3 errors, as the Cloud Controller renders them: a list of
 * `{detail, title, code}` in that key order (docs/cf-behaviour.md §1.2).
 */
export class CfError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly code: number,
    readonly detail: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }

  toReply(): Reply {
    return {
      status: this.status,
      headers: this.headers,
      body: { errors: [{ detail: this.detail, title: this.title, code: this.code }] },
    };
  }
}

export const notAuthenticated = () => new CfError(401, "CF-NotAuthenticated", 10002, "Authentication error");
export const invalidAuthToken = () => new CfError(401, "CF-InvalidAuthToken", 1000, "Invalid Auth Token");
export const notAuthorized = () =>
  new CfError(403, "CF-NotAuthorized", 10003, "You are not authorized to perform the requested action");
export const orgSuspended = () => new CfError(403, "CF-OrgSuspended", 10017, "The organization is suspended");
export const spaceSuspended = () => new CfError(403, "CF-SpaceSuspended", 10019, "The space is suspended");
export const notFound = (resource: string) =>
  new CfError(404, "CF-ResourceNotFound", 10010, `${resource} not found`);
export const unprocessable = (detail: string) => new CfError(422, "CF-UnprocessableEntity", 10008, detail);
export const badQueryParameter = (detail: string) =>
  new CfError(400, "CF-BadQueryParameter", 10005, `The query parameter is invalid: ${detail}`);
export const messageParseError = () =>
  new CfError(400, "CF-MessageParseError", 1001, "Request invalid due to parse error: invalid request body");
export const unknownError = () => new CfError(500, "UnknownError", 10001, "An unknown error occurred.");
export const rateLimited = (retryAfterSeconds: number) =>
  new CfError(
    429,
    "CF-RateLimitExceeded",
    10013,
    "Rate Limit Exceeded",
    // CC really sends its JSON error body as text/plain here (docs/cf-behaviour.md §1.6).
    { "Retry-After": String(retryAfterSeconds), "Content-Type": "text/plain" },
  );
