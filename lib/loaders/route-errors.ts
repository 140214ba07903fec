import "server-only";
import { errorResponse, toFailure, type Failure } from "@/lib/failures";
import { currentRequestId, describeError, log } from "@/lib/log";

/**
 * Route handlers answer every failure with the one error body
 * (lib/failures/http.ts); nothing a handler throws reaches the client as an
 * HTML error page or a stack trace.
 */
export async function withRouteErrors(handle: () => Promise<Response>): Promise<Response> {
  try {
    return await handle();
  } catch (error) {
    const failure = toFailure(error, "read");
    const requestId = await currentRequestId();
    log.error({ requestId, err: describeError(error), kind: failure.kind }, "route handler failed");
    return errorResponse(failure, requestId);
  }
}

export async function refuse(failure: Failure): Promise<Response> {
  return errorResponse(failure, await currentRequestId());
}
