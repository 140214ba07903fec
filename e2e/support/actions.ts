import type { Page } from "@playwright/test";

/** Captures the next server-action POSTs the page makes, and lets the test rewrite their arguments. */
export async function forgeNextAction(
  page: Page,
  rewrite: (args: Record<string, unknown>) => Record<string, unknown>,
): Promise<{ headers: Record<string, string>; url: string; body: string }[]> {
  const seen: { headers: Record<string, string>; url: string; body: string }[] = [];
  await page.route("**/*", async (route) => {
    const request = route.request();
    if (request.method() !== "POST" || !request.headers()["next-action"]) return route.fallback();
    const args = JSON.parse(request.postData() ?? "[]") as Record<string, unknown>[];
    const forged = JSON.stringify([rewrite(args[0] ?? {})]);
    seen.push({ headers: request.headers(), url: request.url(), body: forged });
    return route.continue({ postData: forged });
  });
  return seen;
}

/** Drops the connection of the next server-action POSTs, as a network that goes away would. */
export async function dropServerActions(page: Page): Promise<void> {
  await page.route("**/*", (route) => {
    const request = route.request();
    if (request.method() === "POST" && request.headers()["next-action"])
      return route.abort("connectionreset");
    return route.fallback();
  });
}
