import { describe, expect, it } from "vitest";
import type { UserRoles } from "@/lib/cf/roles";
import type { RoleType } from "@/lib/cf/schemas";
import { MESSAGES } from "@/lib/failures";
import { egressChangeRefusal, segmentMoveRefusal } from "./apply";

/** The checks a change passes before anything is recorded or sent: CF's rules, in CF's order. */

const ORG = { guid: "org-1", suspended: false };
const SUSPENDED = { guid: "org-1", suspended: true };
const roles = (orgs: Record<string, RoleType[]>, spaces: Record<string, RoleType[]>): UserRoles => ({
  orgs: new Map(Object.entries(orgs).map(([k, v]) => [k, new Set(v)])),
  spaces: new Map(Object.entries(spaces).map(([k, v]) => [k, new Set(v)])),
});
const user = { isAdmin: false };
const admin = { isAdmin: true };
const none = roles({}, {});

describe("egressChangeRefusal", () => {
  it("lets a SpaceManager of every space, an OrgManager and an admin change", () => {
    expect(
      egressChangeRefusal(user, roles({}, { a: ["space_manager"], b: ["space_manager"] }), ORG, ["a", "b"]),
    ).toBeNull();
    expect(
      egressChangeRefusal(user, roles({ "org-1": ["organization_manager"] }, {}), ORG, ["a", "b"]),
    ).toBeNull();
    expect(egressChangeRefusal(admin, none, SUSPENDED, ["a"])).toBeNull();
  });

  it("refuses a developer, an auditor, or a manager of only some of the spaces, in CF's words", () => {
    const refused = { kind: "forbidden", message: MESSAGES.notAuthorized };
    expect(egressChangeRefusal(user, roles({}, { a: ["space_developer"] }), ORG, ["a"])).toEqual(refused);
    expect(egressChangeRefusal(user, roles({ "org-1": ["organization_auditor"] }, {}), ORG, ["a"])).toEqual(
      refused,
    );
    expect(egressChangeRefusal(user, roles({}, { a: ["space_manager"] }), ORG, ["a", "b"])).toEqual(refused);
    expect(egressChangeRefusal(user, roles({ "org-2": ["organization_manager"] }, {}), ORG, ["a"])).toEqual(
      refused,
    );
  });

  it("refuses a manager in a suspended org as suspended, after the role (as CF does)", () => {
    expect(egressChangeRefusal(user, roles({}, { a: ["space_manager"] }), SUSPENDED, ["a"])).toEqual({
      kind: "suspended",
      message: MESSAGES.orgSuspended,
    });
    expect(egressChangeRefusal(user, none, SUSPENDED, ["a"])?.kind).toBe("forbidden");
  });
});

describe("segmentMoveRefusal", () => {
  it("lets the org's managers and admins move spaces; nobody else", () => {
    expect(segmentMoveRefusal(user, roles({ "org-1": ["organization_manager"] }, {}), ORG)).toBeNull();
    expect(segmentMoveRefusal(admin, none, SUSPENDED)).toBeNull();
    expect(segmentMoveRefusal(user, roles({}, { a: ["space_manager"] }), ORG)).toEqual({
      kind: "forbidden",
      message: MESSAGES.notAuthorizedOrg,
    });
    expect(segmentMoveRefusal(user, roles({ "org-1": ["organization_manager"] }, {}), SUSPENDED)?.kind).toBe(
      "suspended",
    );
  });
});
