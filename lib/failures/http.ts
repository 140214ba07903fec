import { httpStatusOf, type Failure } from "./failure";

/**
 * The one JSON error body of every route handler (and of the proxy's 401):
 * `{ "error": { "kind", "message", "status"?, "code"?, "title"?, "fieldErrors"? } }`,
 * where status, code and title are what CF answered, when it did, and
 * fieldErrors (dotted path → messages) say which parts of a refused input
 * were wrong.
 */
export type ErrorBody = { error: Failure };

export function errorBody(failure: Failure): ErrorBody {
  const { kind, message, status, code, title, fieldErrors } = failure;
  return {
    error: {
      kind,
      message,
      ...(status === undefined ? {} : { status }),
      ...(code === undefined ? {} : { code }),
      ...(title === undefined ? {} : { title }),
      ...(fieldErrors === undefined ? {} : { fieldErrors }),
    },
  };
}

export function errorResponse(failure: Failure, requestId?: string): Response {
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  if (requestId) headers["X-Request-Id"] = requestId;
  return Response.json(errorBody(failure), { status: httpStatusOf(failure), headers });
}
