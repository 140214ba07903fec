import { describe, expect, it } from "vitest";
import { parseCatalog } from "./catalog";
import { defaultCatalog } from "./default-catalog";
import { evaluateLifecycle } from "./evaluate";
import { destinationNetworks, reachOf } from "./networks";

const catalogOf = (...destinations: [string, string][]) =>
  parseCatalog({
    name: "test",
    destinations: destinations.map(([id, destination]) => ({
      id,
      label: id,
      asg_governed: true,
      endpoints: [{ protocol: "tcp", destination, ports: "443" }],
    })),
  });

describe("destinationNetworks", () => {
  it("reads the default catalog as cloud.gov's table: public, brokered (local), or both", () => {
    expect(Object.fromEntries(destinationNetworks(defaultCatalog))).toEqual({
      "public-web": "public",
      "s3-user-provided": "public",
      "s3-brokered": "mixed",
      rds: "local",
      redis: "local",
      elasticsearch: "local",
    });
  });

  it("knows every private, shared, link-local and ULA block, and nothing next to them", () => {
    const networks = destinationNetworks(
      catalogOf(
        ["a", "10.0.0.0/8"],
        ["b", "172.16.0.0-172.31.255.255"],
        ["c", "192.168.1.1"],
        ["d", "100.64.0.0/10"],
        ["e", "fd00::/8"],
        ["f", "172.32.0.1"],
        ["g", "11.0.0.0/8"],
        ["h", "9.255.255.255-10.0.0.5"],
        ["i", "0.0.0.0/0"],
        ["j", "2001:db8::1"],
      ),
    );
    expect(Object.fromEntries(networks)).toEqual({
      a: "local",
      b: "local",
      c: "local",
      d: "local",
      e: "local",
      f: "public",
      g: "public",
      h: "mixed",
      i: "mixed",
      j: "public",
    });
  });
});

describe("reachOf", () => {
  it("counts allowed and partial destinations by network, never internal routes", () => {
    const catalog = defaultCatalog;
    const none = evaluateLifecycle([], catalog).destinations;
    expect(reachOf(none, catalog)).toEqual({ public: false, local: false, mixed: false });
    const web443 = evaluateLifecycle(
      [{ name: "web-443", rules: [{ protocol: "tcp", destination: "93.184.216.0/24", ports: "443" }] }],
      catalog,
    ).destinations;
    expect(web443.find((d) => d.id === "public-web")?.status).toBe("partial");
    expect(reachOf(web443, catalog)).toEqual({ public: true, local: false, mixed: false });
  });
});
