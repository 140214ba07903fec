import type { Request } from "../http";
import type { Timestamps } from "../world";
import { badQueryParameter, type CfError, unprocessable } from "./errors";
import { parseLabelSelector, type LabelRequirement } from "./label-selector";

/**
 * List query parameters as the Cloud Controller reads them (docs/cf-behaviour.md
 * §1.3): comma lists ORed, filters ANDed, `%2C` a literal comma, `page`/`per_page`
 * validated; the page itself and its links are cut in ./list-page.ts, label
 * selectors read in ./label-selector.ts.
 */

export type ListSpec = {
  /** Filters this endpoint accepts, in the order CC lists them in its error text. */
  filters: string[];
  orderBy: string[];
  /** `/v3/security_groups`, space-scoped SG lists and `/v3/roles` answer 422; orgs and spaces 400. */
  invalidStatus: 400 | 422;
  include?: string[];
  /** `/v3/roles` orders by created_at by default, and says so in its links. */
  defaultOrderBy?: string;
  labelSelector?: boolean;
};

type TimestampOp = "lt" | "lte" | "gt" | "gte";

export type ListQuery = {
  page: number;
  perPage: number;
  orderBy: { field: string; descending: boolean } | undefined;
  filters: Map<string, string[]>;
  timestamps: { field: "created_at" | "updated_at"; op: TimestampOp | "eq"; values: string[] }[];
  include: string[];
  labelSelector: LabelRequirement[];
  /** Parameters repeated in pagination links (everything but `page`). */
  linkParams: Map<string, string>;
};

const TIMESTAMP_FILTERS = ["created_ats", "updated_ats"];

/** Ruby's CGI.escape: everything but `a-zA-Z0-9_.-~` is escaped, space becomes `+`. */
export function cgiEscape(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, "+");
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, " "));
  } catch {
    return value;
  }
}

/** Splits the raw query keeping each value's raw form, so `%2C` stays a literal comma inside a value. */
function rawPairs(rawQuery: string): { key: string; raw: string }[] {
  if (!rawQuery) return [];
  return rawQuery
    .split("&")
    .filter(Boolean)
    .map((part) => {
      const at = part.indexOf("=");
      return at === -1
        ? { key: decode(part), raw: "" }
        : { key: decode(part.slice(0, at)), raw: part.slice(at + 1) };
    });
}

function invalid(spec: ListSpec, detail: string): CfError {
  return spec.invalidStatus === 422 ? unprocessable(detail) : badQueryParameter(detail);
}

export function parseListQuery(req: Request, spec: ListSpec): ListQuery {
  const base = ["page", "per_page", "order_by", ...TIMESTAMP_FILTERS];
  const valid = [
    ...base,
    ...spec.filters,
    ...(spec.include ? ["include"] : []),
    ...(spec.labelSelector ? ["label_selector"] : []),
  ];
  const pairs = rawPairs(req.rawQuery);
  const unknown = [
    ...new Set(pairs.map((p) => p.key.replace(/\[[a-z]+\]$/, "")).filter((k) => !valid.includes(k))),
  ];
  if (unknown.length > 0) {
    throw invalid(
      spec,
      `Unknown query parameter(s): ${unknown.map((k) => `'${k}'`).join(", ")}. Valid parameters are: ${valid
        .map((k) => `'${k}'`)
        .join(", ")}`,
    );
  }

  const query: ListQuery = {
    page: 1,
    perPage: 50,
    orderBy: undefined,
    filters: new Map(),
    timestamps: [],
    include: [],
    labelSelector: [],
    linkParams: new Map(),
  };
  const problems: string[] = [];

  for (const { key, raw } of pairs) {
    const value = decode(raw);
    if (key !== "page") query.linkParams.set(key, value);
    if (key === "page" || key === "per_page") {
      const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
      if (key === "page") {
        if (!(n >= 1)) problems.push("Page must be greater than 0");
        else query.page = n;
      } else if (!(n >= 1 && n <= 5000)) {
        problems.push("Per page must be between 1 and 5000");
      } else {
        query.perPage = n;
      }
    } else if (key === "order_by") {
      const found = /^([+-]?)(.+)$/.exec(value);
      const field = found?.[2] ?? "";
      if (!spec.orderBy.includes(field)) {
        problems.push(`Order by can only be: ${spec.orderBy.map((f) => `'${f}'`).join(", ")}`);
      } else {
        query.orderBy = { field, descending: found?.[1] === "-" };
      }
    } else if (key === "include") {
      const wanted = value.split(",");
      const bad = wanted.filter((w) => !spec.include?.includes(w));
      if (bad.length > 0) {
        problems.push(
          `Invalid included resource: '${bad.join(", ")}'. Valid included resources are: ${(
            spec.include ?? []
          )
            .map((i) => `'${i}'`)
            .join(", ")}`,
        );
      } else {
        query.include = wanted;
      }
    } else if (key === "label_selector") {
      try {
        query.labelSelector = parseLabelSelector(value);
      } catch (error) {
        problems.push((error as Error).message);
      }
    } else {
      const ts = /^(created_ats|updated_ats)(?:\[(lt|lte|gt|gte)\])?$/.exec(key);
      const values = raw.split(",").map(decode);
      if (ts) {
        const field = ts[1] === "created_ats" ? "created_at" : "updated_at";
        const op = (ts[2] as TimestampOp | undefined) ?? "eq";
        if (values.some((v) => !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(v))) {
          problems.push(
            `${ts[1]} has an invalid timestamp format. Timestamps should be formatted as 'YYYY-MM-DDThh:mm:ssZ'`,
          );
        } else if (op !== "eq" && values.length > 1) {
          problems.push(`${ts[1]} with relational operators must have exactly one value`);
        } else {
          query.timestamps.push({ field, op, values });
        }
      } else {
        query.filters.set(key, values);
      }
    }
  }
  if (problems.length > 0) throw invalid(spec, problems.join(", "));
  if (spec.defaultOrderBy && !query.linkParams.has("order_by")) {
    query.linkParams.set("order_by", `+${spec.defaultOrderBy}`);
    query.orderBy ??= { field: spec.defaultOrderBy, descending: false };
  }
  query.linkParams.set("per_page", String(query.perPage));
  return query;
}

/** Applies created_ats/updated_ats filters. */
export function matchesTimestamps(item: Timestamps, query: ListQuery): boolean {
  return query.timestamps.every(({ field, op, values }) => {
    const actual = field === "created_at" ? item.createdAt : item.updatedAt;
    const first = values[0] ?? "";
    switch (op) {
      case "eq":
        return values.includes(actual);
      case "lt":
        return actual < first;
      case "lte":
        return actual <= first;
      case "gt":
        return actual > first;
      case "gte":
        return actual >= first;
    }
  });
}

/** A filter's values, or undefined when the filter is absent. */
export function filterValues(query: ListQuery, name: string): string[] | undefined {
  return query.filters.get(name);
}

/** Boolean filters (`globally_enabled_running=true`) accept only true and false. */
export function booleanFilter(query: ListQuery, name: string, spec: ListSpec): boolean | undefined {
  const values = query.filters.get(name);
  if (values === undefined) return undefined;
  if (values.length !== 1 || (values[0] !== "true" && values[0] !== "false")) {
    throw invalid(
      spec,
      `${name.charAt(0).toUpperCase()}${name.slice(1).replace(/_/g, " ")} must be a boolean`,
    );
  }
  return values[0] === "true";
}
