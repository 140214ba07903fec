import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { format, resolveConfig } from "prettier";

/**
 * Writes a benchmark's figures as JSON, formatted as `npm run lint` (Prettier) expects the file:
 * with the project's own Prettier settings (its print width), which `format` does not read by itself.
 */
export async function writeJson(path: string, value: unknown): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const config = (await resolveConfig(path)) ?? {};
  const { plugins: _plugins, ...options } = config; // the Tailwind plugin has nothing to do in JSON
  writeFileSync(path, await format(JSON.stringify(value), { ...options, parser: "json", filepath: path }));
}
