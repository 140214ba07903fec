import { cfErrorBodySchema } from "./schemas";

/**
 * One typed error for everything the CF API can answer with, so callers
 * branch on `status`/`code`/`title` (and, where the cf CLI does too, on a
 * `detail` text), never on exception messages.
 */
export class CfApiError extends Error {
  override readonly name = "CfApiError";

  constructor(
    readonly status: number,
    readonly code: number | undefined,
    readonly title: string,
    readonly detail: string,
    /** The request that failed, for logs: method and path, never a token. */
    readonly request: string,
  ) {
    super(`${request} → ${status} ${title}: ${detail}`);
  }

  /** The token is missing, expired or was refused: the user must sign in again. */
  get needsSignIn(): boolean {
    return this.status === 401;
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }

  static fromResponse(status: number, body: unknown, request: string): CfApiError {
    const parsed = cfErrorBodySchema.safeParse(body);
    const first = parsed.success ? parsed.data.errors[0] : undefined;
    if (first) return new CfApiError(status, first.code, first.title, first.detail, request);
    return new CfApiError(
      status,
      undefined,
      `HTTP ${status}`,
      "The CF API answered without an error body.",
      request,
    );
  }
}

/** The CF API could not be reached, timed out, or answered something that is not CF's. */
export class CfUnavailableError extends Error {
  override readonly name = "CfUnavailableError";

  constructor(
    readonly request: string,
    readonly reason: string,
  ) {
    super(`${request}: ${reason}`);
  }
}
