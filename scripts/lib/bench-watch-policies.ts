import { DEMO_PASSWORD } from "./bench-world";
import type { SimClient } from "./sim-client";

/**
 * The policies the watcher's benchmark (./bench-watch.ts) puts on every org between cycles, through
 * the dashboard's policy API, as a pipeline over many orgs would.
 */

/** Every org's policy: the spaces named like `<prefix>…` must not have public egress, the rest are not judged. */
export async function putPolicies(
  app: string,
  sim: SimClient,
  prefix: string,
  log: (line: string) => void,
): Promise<number> {
  const admin = await sim.passwordToken("admin", DEMO_PASSWORD);
  const orgs = (await (
    await fetch(`${sim.cfUrl}/v3/organizations?per_page=5000`, {
      headers: { Authorization: `bearer ${admin}` },
    })
  ).json()) as { resources: { guid: string }[] };
  const document = JSON.stringify({
    version: 1,
    rules: [{ spaces: `${prefix}*`, require: { profile: "public", present: false } }],
    default: null,
  });
  const queue = orgs.resources.map((org) => org.guid);
  let done = 0;
  // Eight at a time, as a pipeline over many orgs might; each PUT reads CF with the admin's token.
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let guid = queue.shift(); guid !== undefined; guid = queue.shift()) {
        const response = await fetch(`${app}/api/orgs/${guid}/policy`, {
          method: "PUT",
          headers: { Authorization: `bearer ${admin}`, "Content-Type": "application/json" },
          body: document,
          signal: AbortSignal.timeout(60_000),
        });
        if (response.status !== 200) throw new Error(`PUT policy of ${guid}: ${response.status}`);
        done++;
      }
    }),
  );
  log(`bench: watch: a policy on each of ${done} orgs (${prefix}…)`);
  return done;
}
