/**
 * `npm run bench:load`: 50 signed-in users at once on the org page of a
 * 50-space org, then on its JSON export (autocannon, loopback only).
 *
 * Set-up: the stand-in (its own process) with a generated org of 50 spaces,
 * 50 generated security groups of 20 rules, and 50 users `load-001`…
 * `load-050`, each an OrgManager of that org, each signed in through the
 * UAA's login form (a session of their own); 50 ms added to every CF request,
 * as in `npm run bench`; the production build.
 *
 * Each route: 50 connections for 25 seconds (both routes within 60 s); each
 * request carries the next user's session, round robin, so the 50 requests
 * in flight belong to 50 different users. Figures: throughput (responses per
 * second), latency p50 and p99 (autocannon's, from sending to the whole
 * answer), errors (connection errors, timeouts after 20 s, answers other
 * than 200, and 200s that are not the org's page); zero errors required.
 * Then the stand-in's request log of the run, once the loads still running
 * at the end have finished: CF requests per load (over the loads sent, and
 * over the loads answered: the loads cut off when the run ends fall between;
 * against what one load makes alone), and requests naming one of the org's
 * spaces, which must be none (no request per space).
 *
 *   npm run bench:load [-- --skip-build] [--out bench/load.json]
 *
 * Ports 127.0.0.1:3510 (app), 9532/9533 (stand-in). Exits non-zero on any error.
 */
import autocannon, { type Result } from "autocannon";
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { ensureBuild, loadAverage, loadLine, machine, startStack } from "./lib/bench-stack";
import { DEMO_PASSWORD, generatedOrgGuid, loadUserName } from "./lib/bench-world";
import { ms } from "./lib/measure";
import { signIn } from "./lib/sign-in";
import { writeJson } from "./lib/write-json";

const { values } = parseArgs({
  options: {
    "skip-build": { type: "boolean", default: false },
    out: { type: "string", default: "bench/load.json" },
  },
  strict: true,
});

const USERS = 50;
const SPACES = 50;
const GROUPS = 50;
const LATENCY_MS = 50;
const SECONDS_PER_ROUTE = 25;
const REQUEST_TIMEOUT_S = 20;

const started = new Date();
const loadBefore = loadAverage();
console.log(`bench:load: load average ${loadBefore.join(", ")} on ${cpus().length} cores`);
await ensureBuild(values["skip-build"]);
const stack = await startStack({
  appPort: 3510,
  cfPort: 9532,
  uaaPort: 9533,
  world: { orgSizes: [SPACES], groups: GROUPS, managers: USERS },
});

type RouteLoad = {
  route: string;
  path: string;
  seconds: number;
  connections: number;
  responses: number;
  sent: number;
  throughput_per_s: number;
  latency_ms: { p50: number; p90: number; p99: number; max: number };
  errors: { total: number; connection: number; timeouts: number; non_200: number; wrong_body: number };
  status_codes: Record<string, number>;
  cf: {
    requests: number;
    /** CF requests over loads sent and over loads answered: loads cut off at the end fall between. */
    per_load: { per_sent: number; per_answered: number };
    per_load_alone: number;
    naming_a_space: number;
    log_full: boolean;
  };
};
const routes: RouteLoad[] = [];

try {
  const { app, sim } = stack;
  const org = generatedOrgGuid(0);
  console.log(`bench:load: signing in ${USERS} users…`);
  const cookies: string[] = [];
  for (let i = 0; i < USERS; i += 5) {
    const batch = Array.from({ length: Math.min(5, USERS - i) }, (_, k) => loadUserName(i + k));
    cookies.push(...(await Promise.all(batch.map((user) => signIn(app, user, DEMO_PASSWORD)))));
  }
  const first = cookies[0] ?? "";
  const exported = (await (
    await fetch(`${app}/api/orgs/${org}/posture`, { headers: { cookie: first } })
  ).json()) as {
    org: { name: string };
    spaces: { guid: string }[];
  };
  const spaceGuids = exported.spaces.map((s) => s.guid);
  if (spaceGuids.length !== SPACES) throw new Error(`the export lists ${spaceGuids.length} spaces`);
  await sim.latency(LATENCY_MS);

  /** Waits until the stand-in's log has stopped growing for 2 s (at most 60 s): no load still running. */
  const settled = async () => {
    let last = -1;
    for (let i = 0; i < 60; i++) {
      const now = (await sim.requests()).length;
      if (now === last) return;
      last = now;
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  };

  for (const [route, path, marker] of [
    ["org page", `/orgs/${org}`, `>${exported.org.name}</h1>`],
    ["JSON export", `/api/orgs/${org}/posture`, `"name":"${exported.org.name}"`],
  ] as const) {
    // What one load makes alone, and a warm-up of every user's session.
    await settled();
    await sim.clearRequests();
    await fetch(`${app}${path}`, { headers: { cookie: first } }).then((r) => r.text());
    const alone = (await sim.requests()).length;
    for (const cookie of cookies) await fetch(`${app}${path}`, { headers: { cookie } }).then((r) => r.text());

    await sim.clearRequests();
    console.log(`bench:load: ${route}: ${USERS} connections for ${SECONDS_PER_ROUTE} s…`);
    let next = 0;
    let wrongBody = 0;
    const run = autocannon({
      url: `${app}${path}`,
      connections: USERS,
      duration: SECONDS_PER_ROUTE,
      timeout: REQUEST_TIMEOUT_S,
      requests: [
        {
          method: "GET",
          setupRequest: (request) => ({
            ...request,
            headers: { ...request.headers, cookie: cookies[next++ % cookies.length] ?? "" },
          }),
          onResponse: (status, body) => {
            if (status === 200 && !body.includes(marker)) wrongBody++;
          },
        },
      ],
    });
    // Bounded whatever happens: autocannon stops itself after the duration; this is the backstop.
    const backstop = setTimeout(() => run.stop(), (SECONDS_PER_ROUTE + REQUEST_TIMEOUT_S + 5) * 1000);
    const result: Result = await run;
    clearTimeout(backstop);
    // The loads autocannon sent but stopped waiting for at the end still run on the server: wait for
    // them, so that the log holds every load that was sent, and nothing of the next route.
    await settled();
    const log = await sim.requests();
    const responses = result["2xx"] + result.non2xx;
    routes.push({
      route,
      path,
      seconds: result.duration,
      connections: USERS,
      responses,
      sent: result.requests.sent,
      throughput_per_s: responses / result.duration,
      latency_ms: {
        p50: result.latency.p50,
        p90: result.latency.p90,
        p99: result.latency.p99,
        max: result.latency.max,
      },
      errors: {
        total: result.errors + result.non2xx + wrongBody,
        connection: result.errors - result.timeouts,
        timeouts: result.timeouts,
        non_200: result.non2xx,
        wrong_body: wrongBody,
      },
      status_codes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([k, v]) => [k, v.count])),
      cf: {
        requests: log.length,
        per_load: {
          per_sent: log.length / Math.max(1, result.requests.sent),
          per_answered: log.length / Math.max(1, responses),
        },
        per_load_alone: alone,
        naming_a_space: log.filter((r) => spaceGuids.some((guid) => r.path.includes(guid))).length,
        log_full: log.length >= 50_000,
      },
    });
  }
} finally {
  await stack.stop();
}

const loadAfter = loadAverage();
const lines = [
  `${USERS} signed-in users (one session each, round robin over ${USERS} connections), a ${SPACES}-space org, ` +
    `${LATENCY_MS} ms added to every CF request, ${SECONDS_PER_ROUTE} s per route:`,
  "",
  "| route | responses | per second | p50 | p99 | max | errors | CF requests per load (one load alone) | CF requests naming a space |",
  "| ----- | --------: | ---------: | --: | --: | --: | -----: | ---------------------------: | -------------------------: |",
  ...routes.map(
    (r) =>
      `| ${r.route} | ${r.responses} | ${r.throughput_per_s.toFixed(1)} | ${ms(r.latency_ms.p50)} | ${ms(r.latency_ms.p99)} | ` +
      `${ms(r.latency_ms.max)} | ${r.errors.total} | ${r.cf.per_load.per_sent.toFixed(2)}–${r.cf.per_load.per_answered.toFixed(2)} (${r.cf.per_load_alone}) | ${r.cf.naming_a_space} |`,
  ),
  "",
  loadLine(loadBefore, loadAfter, started),
];
console.log(`\n${lines.join("\n")}\n`);
const failures = routes.flatMap((r) => [
  ...(r.errors.total > 0 ? [`${r.route}: ${r.errors.total} errors (${JSON.stringify(r.errors)})`] : []),
  ...(r.cf.naming_a_space > 0 ? [`${r.route}: ${r.cf.naming_a_space} CF requests named a space`] : []),
  ...(r.cf.log_full ? [`${r.route}: the stand-in's request log filled up; the check is incomplete`] : []),
]);
for (const failure of failures) console.log(`bench:load: FAILED ${failure}`);
if (failures.length === 0) console.log("bench:load: no errors, and no CF request per space");

await writeJson(values.out, {
  generated_at: started.toISOString(),
  machine: machine(loadBefore, loadAfter),
  settings: {
    users: USERS,
    spaces: SPACES,
    groups: GROUPS,
    latency_ms: LATENCY_MS,
    seconds_per_route: SECONDS_PER_ROUTE,
    request_timeout_s: REQUEST_TIMEOUT_S,
  },
  routes,
  failures,
});
console.log(`bench:load: results written to ${values.out}`);
if (failures.length > 0) process.exitCode = 1;
