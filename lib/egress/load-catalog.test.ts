import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "egress-catalog-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const small = {
  name: "Operator catalog",
  destinations: [
    {
      id: "db",
      label: "Database",
      asg_governed: true,
      endpoints: [{ protocol: "tcp", destination: "10.0.0.0/24", ports: "5432" }],
    },
  ],
};

/** A fresh copy of the loader and of `env()`, both of which cache for the life of the process. */
async function freshLoader(catalogFile: string | undefined) {
  vi.resetModules();
  vi.stubEnv("EGRESS_CATALOG_FILE", catalogFile ?? "");
  return import("./load-catalog");
}

afterEach(() => vi.unstubAllEnvs());

describe("loadCatalog", () => {
  it("uses the built-in catalog when EGRESS_CATALOG_FILE is unset", async () => {
    const { loadCatalog } = await freshLoader(undefined);
    const { defaultCatalog } = await import("./default-catalog");
    expect(loadCatalog()).toBe(defaultCatalog);
  });

  it("reads the operator's file once and keeps it", async () => {
    const path = file("catalog.json", JSON.stringify(small));
    const { loadCatalog } = await freshLoader(path);
    const first = loadCatalog();
    expect(first.name).toBe("Operator catalog");
    expect(first.destinations.map((d) => d.id)).toEqual(["db"]);
    writeFileSync(path, "not json any more");
    expect(loadCatalog()).toBe(first);
  });
});

describe("readCatalogFile", () => {
  it("names the variable and the file when it cannot be read", async () => {
    const { readCatalogFile } = await freshLoader(undefined);
    const missing = join(dir, "missing.json");
    expect(() => readCatalogFile(missing)).toThrow(`EGRESS_CATALOG_FILE (${missing}): cannot be read`);
  });

  it("names the file when it is not JSON", async () => {
    const { readCatalogFile } = await freshLoader(undefined);
    const path = file("broken.json", "{ name: ");
    expect(() => readCatalogFile(path)).toThrow(`EGRESS_CATALOG_FILE (${path}): is not valid JSON`);
  });

  it("names the file and the bad field when the catalog is invalid", async () => {
    const { readCatalogFile } = await freshLoader(undefined);
    const bad = structuredClone(small);
    bad.destinations[0]!.endpoints[0]!.ports = "99999";
    const path = file("bad.json", JSON.stringify(bad));
    expect(() => readCatalogFile(path)).toThrow(
      `EGRESS_CATALOG_FILE (${path}): destinations[0].endpoints[0].ports: ports must be a valid single port`,
    );
  });
});
