import { expect, type Page } from "@playwright/test";
import type { CapturedAction } from "./server-actions";
import { tableRows } from "./tables";

/**
 * What the group create and group edit specs (e2e/group-create.spec.ts,
 * e2e/group-edits.spec.ts) check alike: both forms preview, then commit, and
 * CF's refusal of a bad rule is shown the same way on both.
 */

/**
 * The preview's and the commit's action ids, captured as `previewThenCommit`
 * clicks through the admin's form: the preview runs (it only reads), the
 * commit's POST is aborted, so capturing changes nothing.
 */
export async function capturePreviewAndCommit(
  page: Page,
  previewThenCommit: () => Promise<void>,
): Promise<[preview: CapturedAction, commit: CapturedAction]> {
  const captured: CapturedAction[] = [];
  await page.route("**/*", async (route) => {
    const request = route.request();
    const id = request.headers()["next-action"];
    if (request.method() !== "POST" || !id) return route.fallback();
    captured.push({ id, path: new URL(request.url()).pathname });
    return captured.length === 1 ? route.fallback() : route.abort();
  });
  await previewThenCommit();
  await expect.poll(() => captured.length).toBe(2);
  await page.unroute("**/*");
  const [preview, commit] = captured;
  if (!preview || !commit) throw new Error("no action captured");
  return [preview, commit];
}

/** CF's words for rule 2's destination `10.10.4.0/33`, as its 422 gives them (sim/, docs/cf-behaviour.md). */
export const BAD_DESTINATION_WORDS = "destination must be a valid CIDR, IP address, or IP address range";

/** CF's 422 for rule 2 in the form's alert and in the list of refused rules, next to the rule it names. */
export async function expectRuleTwoRefused(page: Page): Promise<void> {
  await expect(page.getByRole("alert").filter({ hasText: "Rules[1]:" })).toContainText(BAD_DESTINATION_WORDS);
  const refused = page
    .getByRole("list", { name: "Rules Cloud Foundry refused" })
    .getByRole("listitem")
    .first();
  await expect(refused).toContainText("Rule 2");
  await expect(refused).toContainText("10.10.4.0/33");
  await expect(refused).toContainText(BAD_DESTINATION_WORDS);
}

/**
 * The preview of the seed's trusted-local rules turned on platform-wide for
 * running: they open in the four seeded spaces that do not have them yet,
 * and close nowhere.
 */
export async function expectOpenedPlatformWideForRunning(page: Page): Promise<void> {
  const spaces = await tableRows(page, "Spaces whose reach changes");
  expect(spaces.map((row) => row.split(" / ").slice(0, 3).join(" / "))).toEqual([
    "agency-alpha / dev / running",
    "agency-alpha / sandbox / running",
    "agency-beta / dev / running",
    "agency-gamma / legacy / running",
  ]);
  expect(spaces.every((row) => row.endsWith(" / —"))).toBe(true);
}
