/**
 * Group list pages as CF writes them, generated for the parse threads' tests
 * (../parse-threads.test.ts, ../page-readers.test.ts): groups bound to an
 * org's spaces or to others', platform-wide ones, a profile's by name, names
 * and descriptions with escapes and characters beyond ASCII, from a seed.
 */

export const ORG_SPACES = Array.from({ length: 40 }, (_, i) => `org-space-${i}`);
const OTHER_SPACES = Array.from({ length: 200 }, (_, i) => `other-space-${i}`);
export const PROFILE_NAMES = ["public_networks_egress", 'we"ird\\name'];

/** A small deterministic generator (mulberry32): the same pages from the same seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function groupPage(seed: number, groups: number, options: { pretty?: boolean } = {}): string {
  const next = random(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const some = (items: readonly string[], most: number) =>
    Array.from({ length: Math.floor(next() * most) }, () => ({ guid: pick(items) }));
  const link = { href: "https://api.example.com/v3/security_groups?page=1&per_page=5000" };
  const resources = Array.from({ length: groups }, (_, i) => {
    const kind = next();
    const spaces = kind < 0.2 ? [...ORG_SPACES, ...OTHER_SPACES] : OTHER_SPACES;
    return {
      guid: `group-${seed}-${i}`,
      created_at: "2026-01-05T10:00:00Z",
      updated_at: "2026-01-05T10:00:00Z",
      name: kind > 0.97 ? pick(PROFILE_NAMES) : kind > 0.94 ? `Zürich ✓ "${i}"` : `binding-${i}`,
      globally_enabled: { running: kind > 0.99, staging: false },
      rules: Array.from({ length: 1 + Math.floor(next() * 4) }, (_, r) => ({
        protocol: r % 2 ? "udp" : "tcp",
        destination: `10.${r}.${i % 250}.0/24`,
        ports: "443",
        description: r === 0 && kind > 0.9 ? "line\nbreak \\ backslash" : undefined,
      })),
      relationships: {
        running_spaces: { data: some(spaces, 6) },
        staging_spaces: { data: some(spaces, 2) },
      },
      links: { self: { href: `https://api.example.com/v3/security_groups/group-${seed}-${i}` } },
    };
  });
  const page = {
    pagination: {
      total_results: groups,
      total_pages: 1,
      first: link,
      last: link,
      next: null,
      previous: null,
    },
    resources,
  };
  return options.pretty ? JSON.stringify(page, null, 2) : JSON.stringify(page);
}

/** The text as CF's bytes, on a SharedArrayBuffer as the client reads them (../request.ts). */
export function sharedBytes(text: string): Uint8Array {
  const encoded = new TextEncoder().encode(text);
  const bytes = new Uint8Array(new SharedArrayBuffer(encoded.byteLength));
  bytes.set(encoded);
  return bytes;
}
