import { z } from "zod";
import { mayMatter, pageKeeping } from "./group-list-keep";
import { parseKeeping } from "./list-text";

/**
 * How a list page's bytes become its checked value, by readers named and
 * built from plain data, so that a thread of its own can run one
 * (./parse-threads.ts) as well as the pages' thread: decoding the bytes,
 * keeping the resources whose text may matter (./list-text.ts), parsing them
 * and checking them with the page's schema. The same function reads a page
 * in either thread, so the answer is the same wherever it ran; what it
 * refuses comes back as an outcome (not JSON, the wrong shape) for the
 * client to turn into its usual errors (./page-fetch.ts).
 */

/** What listSecurityGroupsFor keeps of the whole group list (./group-list-keep.ts): these spaces' groups. */
export type GroupsForSpaces = { spaces: readonly string[]; names: readonly string[] };

function groupsForSpaces(params: GroupsForSpaces) {
  const spaces = new Set(params.spaces);
  const names = new Set(params.names);
  return { keep: mayMatter(spaces, names), schema: pageKeeping(spaces, names) };
}

/**
 * Every reader, by name. A reader is given only what its job carries (never
 * a token, never a function): its `keep` picks which resources' text to parse
 * at all (it may keep too many, never too few), its `schema` checks the page.
 */
const READERS = {
  "groups-for-spaces": groupsForSpaces,
} satisfies Record<
  string,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each reader names its own params
  (params: any) => { keep?: (text: string) => boolean; schema: z.ZodType }
>;

export type ReaderName = keyof typeof READERS;
/** One page's reading, as plain data: which reader, with what. */
export type PageJob<N extends ReaderName = ReaderName> = {
  reader: N;
  params: Parameters<(typeof READERS)[N]>[0];
};
/** The page a reader answers, checked. */
export type PageOf<N extends ReaderName> = z.output<ReturnType<(typeof READERS)[N]>["schema"]>;

export type ReadOutcome =
  | { ok: true; value: unknown }
  | { ok: false; problem: "not-json" }
  | { ok: false; problem: "shape"; detail: string };

// Like Response.text(): UTF-8, a leading byte order mark dropped, bad bytes replaced rather than refused.
const decoder = new TextDecoder();

/** The page in `bytes` read by the job's reader: its checked value, or what was wrong with it. */
export function readPage(job: PageJob, bytes: Uint8Array): ReadOutcome {
  const { keep, schema } = READERS[job.reader](job.params);
  const text = decoder.decode(bytes);
  let value: unknown = undefined;
  if (text) {
    try {
      value = keep ? parseKeeping(text, keep) : JSON.parse(text);
    } catch (error) {
      if (error instanceof SyntaxError) return { ok: false, problem: "not-json" };
      throw error;
    }
  }
  const result = schema.safeParse(value);
  if (!result.success) return { ok: false, problem: "shape", detail: z.prettifyError(result.error) };
  return { ok: true, value: result.data };
}
