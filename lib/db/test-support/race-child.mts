/**
 * Another app instance, for the cross-process tests (concurrency.test.ts).
 * Says "started"; on "open" opens the store (racing the others' migrations)
 * and says "ready"; on "go" observes, prints the result as JSON and exits.
 * Run with: node --conditions=react-server --import tsx race-child.mts <config> <observation>
 */
import { createInterface } from "node:readline";
import type { DatabaseConfig } from "../connect";
import { openDatabase } from "../store";
import type { Observation } from "../types";

const [config, observation] = process.argv.slice(2).map((arg) => JSON.parse(arg) as unknown);
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const next = async () => (await lines.next()).value as string | undefined;

process.stdout.write("started\n");
if ((await next()) !== "open") process.exit(2);
const store = await openDatabase(config as DatabaseConfig);
process.stdout.write("ready\n");
if ((await next()) !== "go") process.exit(2);
const result = await store.observe(observation as Observation);
process.stdout.write(`${JSON.stringify(result)}\n`);
await store.close();
process.exit(0);
