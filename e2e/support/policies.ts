import { expect, type APIRequestContext } from "@playwright/test";
import { ids } from "../../sim/seed";
import { tokenFor } from "./sim";

/** The policy of issue 14: sandboxes closed, prod without public egress. */
export const ISSUE_14_POLICY = {
  version: 1,
  rules: [
    { spaces: "sandbox*", require: { posture: "closed" }, note: "sandboxes stay inside" },
    { spaces: "prod", require: { profile: "public", present: false } },
  ],
  default: null,
};

/** A policy that judges no space. */
export const EMPTY_POLICY = { version: 1, rules: [], default: null };

/** Writes agency-alpha's policy as a pipeline would: PUT with a user's own UAA token (the admin's unless told), no If-Match (over whatever is stored). */
export async function setPolicy(request: APIRequestContext, policy: unknown, as = "admin"): Promise<void> {
  const response = await request.put(`/api/orgs/${ids.orgs.alpha}/policy`, {
    headers: { Authorization: `bearer ${await tokenFor(request, as)}` },
    data: policy,
  });
  expect(response.status(), await response.text()).toBe(200);
}
