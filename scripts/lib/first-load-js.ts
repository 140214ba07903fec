import { gzipSync } from "node:zlib";

/**
 * A page's first-load JavaScript: the scripts its HTML references
 * (`<script src>`), each fetched from `base` and gzipped (level 6), summed.
 * `nomodule` scripts (Next's polyfills) are left out: no browser that runs
 * modules fetches them.
 */
export async function firstLoadJs(
  html: string,
  base: string,
): Promise<{ scripts: number; gzip_bytes: number }> {
  const tags = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  const loaded = tags.filter((tag) => !/\snomodule\b/i.test(tag));
  const sources = [...new Set(loaded.flatMap((tag) => /\ssrc="([^"]+)"/.exec(tag)?.[1] ?? []))];
  let bytes = 0;
  for (const src of sources) {
    const response = await fetch(new URL(src, base));
    if (!response.ok) throw new Error(`${src} answered ${response.status}`);
    bytes += gzipSync(Buffer.from(await response.arrayBuffer()), { level: 6 }).length;
  }
  return { scripts: sources.length, gzip_bytes: bytes };
}
