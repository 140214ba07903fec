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

describe("loadPlatform", () => {
  it("keeps cloud.gov's profiles for a file that lists none", async () => {
    const { loadPlatform } = await freshLoader(file("no-profiles.json", JSON.stringify(small)));
    const { DEFAULT_PROFILES } = await import("./profiles");
    expect(loadPlatform().profiles).toEqual(DEFAULT_PROFILES);
  });

  it("takes the profiles from the file, with the catalog beside them", async () => {
    const platform = {
      ...small,
      profiles: [
        { id: "public", label: "Public networks", group: "public_networks", description: "All of it" },
      ],
    };
    const { loadPlatform, loadCatalog } = await freshLoader(file("cf.json", JSON.stringify(platform)));
    expect(loadPlatform().profiles).toEqual(platform.profiles);
    expect(loadCatalog().destinations.map((d) => d.id)).toEqual(["db"]);
  });
});

describe("readPlatformFile", () => {
  it("names the variable and the file when it cannot be read", async () => {
    const { readPlatformFile } = await freshLoader(undefined);
    const missing = join(dir, "missing.json");
    expect(() => readPlatformFile(missing)).toThrow(`EGRESS_CATALOG_FILE (${missing}): cannot be read`);
  });

  it("names the file when it is not JSON", async () => {
    const { readPlatformFile } = await freshLoader(undefined);
    const path = file("broken.json", "{ name: ");
    expect(() => readPlatformFile(path)).toThrow(`EGRESS_CATALOG_FILE (${path}): is not valid JSON`);
  });

  it("names the file and the bad field when the catalog is invalid", async () => {
    const { readPlatformFile } = await freshLoader(undefined);
    const bad = structuredClone(small);
    bad.destinations[0]!.endpoints[0]!.ports = "99999";
    const path = file("bad.json", JSON.stringify(bad));
    expect(() => readPlatformFile(path)).toThrow(
      `EGRESS_CATALOG_FILE (${path}): destinations[0].endpoints[0].ports: ports must be a valid single port`,
    );
  });

  it("names the file and the bad profile field", async () => {
    const { readPlatformFile } = await freshLoader(undefined);
    const path = file(
      "bad-profiles.json",
      JSON.stringify({ ...small, profiles: [{ id: "Public", label: "", group: "public_networks" }] }),
    );
    expect(() => readPlatformFile(path)).toThrow(
      `EGRESS_CATALOG_FILE (${path}): profiles[0].id: must be lowercase letters, digits and single hyphens`,
    );
    expect(() => readPlatformFile(path)).toThrow(
      `EGRESS_CATALOG_FILE (${path}): profiles[0].label: must not be empty`,
    );
  });
});
