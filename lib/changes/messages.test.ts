import { describe, expect, it } from "vitest";
import { CfApiError, CfUnavailableError } from "@/lib/cf/errors";
import { alreadyDone, changeFailureMessage, MESSAGES } from "./messages";

const cf = (status: number, title: string, detail: string) =>
  new CfApiError(status, 0, title, detail, "POST /v3/x");

describe("changeFailureMessage", () => {
  it("words CF's refusals of a bind or unbind", () => {
    expect(changeFailureMessage(cf(404, "CF-ResourceNotFound", "Security group not found"))).toBe(
      MESSAGES.groupInvisible,
    );
    expect(
      changeFailureMessage(
        cf(403, "CF-NotAuthorized", "You are not authorized to perform the requested action"),
      ),
    ).toBe(MESSAGES.notAuthorized);
    expect(changeFailureMessage(cf(403, "CF-OrgSuspended", "The organization is suspended"))).toBe(
      MESSAGES.orgSuspended,
    );
    expect(
      changeFailureMessage(
        cf(
          422,
          "CF-UnprocessableEntity",
          'Spaces with guids ["x"] do not exist, or you do not have access to them.',
        ),
      ),
    ).toBe(MESSAGES.spaceGone);
    expect(changeFailureMessage(cf(429, "CF-RateLimitExceeded", "Rate Limit Exceeded"))).toBe(
      MESSAGES.rateLimited,
    );
  });

  it("never claims success for a change CF did not confirm", () => {
    expect(changeFailureMessage(cf(503, "UnknownError", "An unknown error occurred."))).toBe(
      MESSAGES.unconfirmed,
    );
    expect(changeFailureMessage(new CfUnavailableError("POST /v3/x", "timed out"))).toBe(
      MESSAGES.unconfirmed,
    );
  });
});

describe("alreadyDone", () => {
  const notBound = cf(
    422,
    "CF-UnprocessableEntity",
    "Unable to unbind security group from space with guid 'g'. Ensure the space is bound to this security group.",
  );
  it("treats unbinding an unbound space as done, as the cf CLI does", () => {
    expect(alreadyDone(notBound, "unbind")).toBe(true);
  });
  it("treats nothing else as done", () => {
    expect(alreadyDone(notBound, "bind")).toBe(false);
    expect(alreadyDone(cf(422, "CF-UnprocessableEntity", "Data can't be blank"), "unbind")).toBe(false);
  });
});
