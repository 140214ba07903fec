import { parseReachSearch, type ParsedSearch } from "@/lib/egress/reach-query";
import { reachFilterOf, type ReachFilter } from "./reach-search";

type Params = Record<string, string | string[] | undefined>;

/** A search page's URL: the form's values as typed, the question (null when none was asked), the filters. */
export function reachPageQuery(params: Params): {
  values: { destination: string; ports: string; protocol: string };
  parsed: ParsedSearch | null;
  filter: ReachFilter;
} {
  const one = (key: string) => {
    const value = params[key];
    return (Array.isArray(value) ? value[0] : value) ?? "";
  };
  const values = { destination: one("destination"), ports: one("ports"), protocol: one("protocol") };
  const asked = "destination" in params;
  return { values, parsed: asked ? parseReachSearch(params) : null, filter: reachFilterOf(params) };
}
