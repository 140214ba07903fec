import { Resolver } from "node:dns/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canReach } from "@/lib/egress";
import { asRule } from "@/lib/egress/catalog";
import { defaultCatalog } from "@/lib/egress/default-catalog";
import { startDns, STAND_IN_HOSTS, type StandInDns } from "./dns";

let dns: StandInDns;
let resolver: Resolver;

beforeAll(async () => {
  dns = await startDns({ port: 0 });
  resolver = new Resolver({ timeout: 2_000, tries: 1 });
  resolver.setServers([`127.0.0.1:${dns.port}`]);
});
afterAll(() => dns.close());

describe("the stand-in's DNS server", () => {
  it("answers A records for its hosts, whatever their case, as node:dns asks", async () => {
    expect(await resolver.resolve4("rds.agency-alpha.internal")).toEqual(["10.10.0.12"]);
    expect(await resolver.resolve4("S3.AmazonAWS.com")).toEqual(["52.216.8.10", "52.217.44.2"]);
    expect(await resolver.resolve4("example.com", { ttl: true })).toEqual([
      { address: "93.184.216.34", ttl: 60 },
    ]);
  });

  it("says a stranger does not exist, and a known host has no IPv6 address", async () => {
    await expect(resolver.resolve4("nowhere.internal")).rejects.toMatchObject({ code: "ENOTFOUND" });
    await expect(resolver.resolve6("redis.internal")).rejects.toMatchObject({ code: "ENODATA" });
  });

  it.each([
    ["rds.agency-alpha.internal", "rds", 5432],
    ["redis.internal", "redis", 6379],
    ["elasticsearch.internal", "elasticsearch", 9200],
    ["s3.vpce.internal", "s3-brokered", 443],
    ["s3.amazonaws.com", "s3-user-provided", 443],
    ["example.com", "public-web", 443],
    ["www.example.com", "public-web", 80],
  ])("places %s in the catalog's %s", (host, destination, port) => {
    const endpoints = defaultCatalog.destinations.find((d) => d.id === destination)?.endpoints ?? [];
    for (const address of STAND_IN_HOSTS[host] ?? []) {
      const answer = canReach([{ name: destination, rules: endpoints.map(asRule) }], {
        address,
        protocol: "tcp",
        port,
      });
      expect(answer.ok && answer.allowed, `${host} ${address}`).toBe(true);
    }
  });

  it("keeps one host outside every destination, for the answer no profile changes", () => {
    const rules = defaultCatalog.destinations.flatMap((d) => d.endpoints.map(asRule));
    const answer = canReach([{ name: "all", rules }], { address: "10.20.0.5", protocol: "tcp", port: 389 });
    expect(answer.ok && answer.allowed).toBe(false);
    expect(STAND_IN_HOSTS["ldap.agency-alpha.internal"]).toEqual(["10.20.0.5"]);
  });
});
