import {
  expect,
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type Page,
} from "@playwright/test";
import { ids } from "../../sim/seed";
import { OrgMatrixPage } from "../pages/org-matrix-page";
import { PolicyPage } from "../pages/policy-page";
import { SpacePage } from "../pages/space-page";
import { tokenFor } from "./sim";

/**
 * The dashboard's server actions as a forger sees them: each one's id and
 * the page it is posted to, captured once from the real UI (the captured
 * POSTs are aborted, so capturing changes nothing), then called at request
 * level with any arguments and any user's cookies, as a hand-made request
 * would. Pages are not rendered for that, which keeps the suites fast.
 */

export const ACTION_NAMES = [
  "changeProfile",
  "bindProfileToSpaces",
  "changeGroup",
  "assignSegment",
  "bringIntoPolicy",
  "requestPrivateEgress",
  "savePolicy",
] as const;
export type ActionName = (typeof ACTION_NAMES)[number];

/** The `next-action` id and the path the UI posted it to. */
export type CapturedAction = { id: string; path: string };
export type ServerActions = Record<ActionName, CapturedAction>;

/** What every action answers (lib/actions/result.ts), and what a form action adds. */
export type ActionAnswer = {
  ok: boolean;
  kind?: string;
  message: string;
  fieldErrors?: Record<string, string[]>;
  status?: string;
  /** Bring into policy's per-space results. */
  results?: { status: string; message: string }[];
};

export type ActionCall = {
  /** The HTTP status of the POST. */
  status: number;
  /** The action's result, when the response carries one. */
  result: ActionAnswer | undefined;
  text: string;
};

/** Which action a captured call was, from its form's page or its arguments. */
function nameOf(contentType: string, path: string, body: string): ActionName | undefined {
  if (contentType.startsWith("multipart/form-data"))
    return path.endsWith("/policy") ? "savePolicy" : "requestPrivateEgress";
  const [args] = JSON.parse(body) as [Record<string, unknown>];
  if ("revision" in args) return "bringIntoPolicy";
  if ("spaceGuids" in args) return "bindProfileToSpaces";
  if ("segmentGuid" in args) return "assignSegment";
  if ("groupGuid" in args) return "changeGroup";
  if ("profileId" in args) return "changeProfile";
  return undefined;
}

async function captureOn(page: Page): Promise<ServerActions> {
  const seen = new Map<ActionName, CapturedAction>();
  await page.route("**/*", async (route) => {
    const request = route.request();
    const id = request.headers()["next-action"];
    if (request.method() !== "POST" || !id) return route.fallback();
    const path = new URL(request.url()).pathname;
    const name = nameOf(request.headers()["content-type"] ?? "", path, request.postData() ?? "[{}]");
    if (name) seen.set(name, { id, path });
    return route.abort("connectionreset");
  });
  const captured = async (name: ActionName) => expect.poll(() => seen.has(name)).toBe(true);
  const { orgs: o, spaces: s } = ids;

  const matrix = await new OrgMatrixPage(page).goto(o.alpha);
  await (await matrix.flip("Public egress", "dev")).confirm();
  await captured("changeProfile");
  await page.reload();
  const bulk = await matrix.bulk("all", "Trusted local egress", "on");
  await bulk.getByRole("button", { name: "Confirm" }).click();
  await captured("bindProfileToSpaces");

  const space = await new SpacePage(page).goto(o.alpha, s.alphaStaging);
  await (await space.bindGroup("public_networks_egress")).confirm();
  await captured("changeGroup");
  await space.goto(o.alpha, s.alphaStaging);
  await (await space.moveTo("alpha-dedicated")).confirm();
  await captured("assignSegment");

  await page.goto("/private-egress");
  const form = page.getByRole("form", { name: "Request private egress" });
  await form.getByLabel("Public IP address of your IPsec endpoint").fill("52.20.30.40");
  await form.getByLabel("Private network CIDRs").fill("10.20.0.0/16");
  await form.getByLabel("Type of IPsec endpoint").selectOption({ index: 1 });
  await form.getByLabel("Approximate number of apps").fill("3");
  await form.getByRole("button", { name: "Prepare the support request" }).click();
  await captured("requestPrivateEgress");

  const policy = await new PolicyPage(page).goto(o.alpha);
  await policy.save(EMPTY_POLICY);
  await captured("savePolicy");

  // A policy that sandbox violates, for the Bring into policy button; the org is left without one.
  await setPolicy(page, {
    version: 1,
    rules: [{ spaces: "sandbox", require: { posture: "closed" } }],
    default: null,
  });
  try {
    await matrix.goto(o.alpha);
    await page.getByRole("button", { name: /^Bring into policy \(/ }).click();
    await policy.dialog.plannedSpaces();
    await policy.dialog.confirm();
    await captured("bringIntoPolicy");
  } finally {
    await setPolicy(page, EMPTY_POLICY);
  }

  await page.unrouteAll({ behavior: "ignoreErrors" });
  return Object.fromEntries(ACTION_NAMES.map((n) => [n, seen.get(n)])) as ServerActions;
}

const EMPTY_POLICY = { version: 1, rules: [], default: null };

/** Writes agency-alpha's policy as a pipeline would, with the platform admin's token. */
async function setPolicy(page: Page, policy: unknown): Promise<void> {
  const response = await page.request.put(`/api/orgs/${ids.orgs.alpha}/policy`, {
    headers: { Authorization: `bearer ${await tokenFor(page.request, "admin")}` },
    data: policy,
  });
  expect(response.status(), await response.text()).toBe(200);
}

/** Captures every action with a signed-in session of an OrgManager of agency-alpha (olivia). */
export async function captureServerActions(
  browser: Browser,
  baseURL: string,
  storageState: Awaited<ReturnType<BrowserContext["storageState"]>>,
): Promise<ServerActions> {
  const context = await browser.newContext({ baseURL, storageState });
  try {
    return await captureOn(await context.newPage());
  } finally {
    await context.close();
  }
}

/**
 * The rows of a React Flight response: `<id>:<JSON or tag>\n`, or a text row
 * `<id>:T<hex byte length>,<text>` with no line end (long strings, e.g. a
 * prepared support request).
 */
export function flightRows(text: string): Map<string, string> {
  const bytes = Buffer.from(text, "utf8");
  const rows = new Map<string, string>();
  let at = 0;
  while (at < bytes.length) {
    const colon = bytes.indexOf(":", at);
    if (colon < 0) break;
    const id = bytes.subarray(at, colon).toString();
    if (bytes[colon + 1] === 0x54 /* T */) {
      const comma = bytes.indexOf(",", colon);
      const length = parseInt(bytes.subarray(colon + 2, comma).toString(), 16);
      rows.set(id, bytes.subarray(comma + 1, comma + 1 + length).toString());
      at = comma + 1 + length;
    } else {
      const end = bytes.indexOf("\n", colon);
      const stop = end < 0 ? bytes.length : end;
      rows.set(id, bytes.subarray(colon + 1, stop).toString());
      at = stop + 1;
    }
  }
  return rows;
}

/**
 * The action's result in a React Flight response: row 0 names the row of the
 * result (`"a":"$@1"`); the rest may be the page re-rendered after a
 * revalidatePath.
 */
export function actionAnswer(text: string): ActionAnswer | undefined {
  const rows = flightRows(text);
  const ref = /"a":"\$@([0-9a-f]+)"/.exec(rows.get("0") ?? "")?.[1];
  const row = ref === undefined ? undefined : rows.get(ref);
  if (!row?.startsWith("{")) return undefined;
  return JSON.parse(row) as ActionAnswer;
}

const FLIGHT_HEADERS = { accept: "text/x-component" };

/** Calls an action with these arguments, as the browser's encoding sends one argument. */
export async function callAction(
  request: APIRequestContext,
  action: CapturedAction,
  args: unknown,
  options: { path?: string; rawBody?: string } = {},
): Promise<ActionCall> {
  const response = await request.post(options.path ?? action.path, {
    headers: {
      ...FLIGHT_HEADERS,
      "next-action": action.id,
      "content-type": "text/plain;charset=UTF-8",
    },
    data: options.rawBody ?? JSON.stringify([escapeFlight(args)]),
    maxRedirects: 0,
  });
  const text = await response.text();
  return { status: response.status(), result: actionAnswer(text), text };
}

/** Calls a form action (useActionState) with these fields, as React encodes a submitted form. */
export async function callFormAction(
  request: APIRequestContext,
  action: CapturedAction,
  fields: Record<string, string | string[]>,
): Promise<ActionCall> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields))
    for (const v of Array.isArray(value) ? value : [value]) form.append(`_1_${key}`, v);
  form.append("0", JSON.stringify([{ status: "idle" }, "$K1"]));
  const response = await request.post(action.path, {
    headers: { ...FLIGHT_HEADERS, "next-action": action.id },
    multipart: form,
    maxRedirects: 0,
  });
  const text = await response.text();
  return { status: response.status(), result: actionAnswer(text), text };
}

/**
 * React's reply encoding of plain JSON values: a string that starts with `$`
 * is escaped as `$$…` (a bare `$` starts a reference), so an argument arrives
 * as the value the caller meant, whatever it holds.
 */
export function escapeFlight(value: unknown): unknown {
  if (typeof value === "string") return value.startsWith("$") ? `$${value}` : value;
  if (Array.isArray(value)) return value.map(escapeFlight);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      // defineProperty, so a "__proto__" key stays an own key and reaches the server as sent.
      Object.defineProperty(out, k, { value: escapeFlight(v), enumerable: true, writable: true });
    }
    return out;
  }
  return value;
}
