import { errorResponse, failure } from "@/lib/failures";

/**
 * An address under /api/ that names no route answers in the one error body
 * (docs/design.md §11), not with the HTML of the not-found page: a script or
 * pipeline that mistypes a path, or whose "../" was resolved away, reads why.
 * Every route that exists is more specific than this one and wins.
 */
function noSuchRoute(): Response {
  return errorResponse(failure("not-found", "There is no such API route."));
}

export const GET = noSuchRoute;
export const POST = noSuchRoute;
export const PUT = noSuchRoute;
export const PATCH = noSuchRoute;
export const DELETE = noSuchRoute;
