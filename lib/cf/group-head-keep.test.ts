import { describe, expect, it } from "vitest";
import { pageKeepingHeads, type GroupHead } from "./group-head-keep";

const group = (name: string, rules: unknown[], running = false) => ({
  guid: `guid-${name}`,
  created_at: "2026-01-05T10:11:00Z",
  updated_at: "2026-01-05T10:11:00Z",
  name,
  globally_enabled: { running, staging: false },
  rules,
  relationships: { running_spaces: { data: [{ guid: "s1" }] }, staging_spaces: { data: [] } },
  links: { self: { href: `https://api.example.com/v3/security_groups/guid-${name}` } },
});
const link = { href: "https://api.example.com/v3/security_groups" };
const page = (resources: unknown[]) => ({
  pagination: {
    total_results: resources.length,
    total_pages: 1,
    first: link,
    last: link,
    next: null,
    previous: null,
  },
  resources,
});

describe("pageKeepingHeads", () => {
  it("asks `keep` of each group's head and keeps, whole, the groups it accepts", () => {
    const asked: GroupHead[] = [];
    const schema = pageKeepingHeads((head) => {
      asked.push(head);
      return head.rules.some((r) => r.ports === "5432");
    });
    const rds = group("rds", [{ protocol: "tcp", destination: "10.0.0.0/8", ports: "5432" }]);
    const web = group("web", [{ protocol: "tcp", destination: "0.0.0.0/0", ports: "443", description: "a" }]);
    expect(schema.parse(page([rds, web])).resources).toEqual([rds]);
    expect(asked).toEqual(
      [rds, web].map(({ guid, name, globally_enabled, rules }) => ({ guid, name, globally_enabled, rules })),
    );
  });

  it("refuses the page for a group whose head does not pass the schema, whatever `keep` says", () => {
    const schema = pageKeepingHeads(() => false);
    expect(schema.safeParse(page([group("z", [])])).success).toBe(true);
    expect(schema.safeParse(page([group("x", [{ protocol: "tcp", destination: 10 }])])).success).toBe(false);
    expect(schema.safeParse(page([{ ...group("y", []), name: undefined }])).success).toBe(false);
    expect(schema.safeParse(page([1])).success).toBe(false);
  });

  it("does not check what it drops beyond the head (a dropped group's bindings)", () => {
    const schema = pageKeepingHeads(() => false);
    const odd = { ...group("o", []), relationships: { running_spaces: { data: "?" } } };
    expect(schema.parse(page([odd])).resources).toEqual([]);
  });
});
