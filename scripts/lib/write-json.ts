import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { format } from "prettier";

/** Writes a benchmark's figures as JSON, formatted as `npm run lint` (Prettier) expects the file. */
export async function writeJson(path: string, value: unknown): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, await format(JSON.stringify(value), { parser: "json", filepath: path }));
}
