/**
 * `npm run history:verify`: walks the history's hash chain (docs/adr/0010-hash-chained-history.md)
 * in the database the app uses (DATA_DIR's SQLite file, or DATABASE_URL's PostgreSQL, read by
 * lib/env as the app reads them), says whether it is intact and, if not, where it first breaks:
 * the entry (or watcher event), its time, and what differs. Exit code 0 when intact, 1 when
 * broken, 2 when it could not be checked (no database, bad configuration).
 *
 * Opening the database brings its schema up to date, as the app does at start-up: a database
 * from before the chain gets its existing rows chained then.
 */
import { describeBreak, verifyWholeChain } from "@/lib/db/chain-check";
import { env } from "@/lib/env";
import { openDatabase } from "@/lib/db";

async function main(): Promise<number> {
  const { databaseUrl, dataDir } = env();
  const where = databaseUrl ? "PostgreSQL (DATABASE_URL)" : `SQLite under ${dataDir}`;
  const store = await openDatabase({ databaseUrl, dataDir });
  try {
    const started = performance.now();
    const verdict = await verifyWholeChain(store.chain);
    const took = `${Math.round(performance.now() - started)} ms`;
    if (verdict.intact) {
      console.log(`history chain: intact, ${verdict.records} records (${where}, ${took})`);
      console.log(`last record: ${verdict.head.seq} ${verdict.head.hash}`);
      return 0;
    }
    console.log(`history chain: BROKEN (${where}, ${took})`);
    console.log(`first break: ${describeBreak(verdict.break)}`);
    console.log(
      `intact before it: ${verdict.records} records, through record ${verdict.lastGood.seq} ${verdict.lastGood.hash}`,
    );
    return 1;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`history chain: not checked: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
