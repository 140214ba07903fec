import { describe, expect, it } from "vitest";
import { parseCatalog } from "@/lib/egress/catalog";
import { platformNetworksOf } from "./platform-networks";

describe("platformNetworksOf", () => {
  it("keeps private entries of comma lists and ranges, and leaves out public and IPv6 ones", () => {
    const catalog = parseCatalog({
      name: "an operator's catalog",
      destinations: [
        {
          id: "public-web",
          label: "Public web",
          asg_governed: true,
          endpoints: [
            { protocol: "all", destination: "0.0.0.0/0" },
            { protocol: "all", destination: "0.0.0.0-9.255.255.255,11.0.0.0-169.253.255.255" },
          ],
        },
        {
          id: "databases",
          label: "Databases",
          asg_governed: true,
          endpoints: [
            { protocol: "tcp", destination: "10.0.16.0/20,172.20.0.10-172.20.0.40", ports: "5432" },
            { protocol: "tcp", destination: "fd00::/64", ports: "5432" },
          ],
        },
        {
          id: "cache",
          label: "Cache",
          asg_governed: true,
          endpoints: [
            { protocol: "tcp", destination: "10.0.16.0/20", ports: "6379" },
            { protocol: "tcp", destination: "100.64.1.1", ports: "6379" },
          ],
        },
        { id: "internal-routes", label: "Internal routes", asg_governed: false },
      ],
    });
    expect(platformNetworksOf(catalog)).toEqual([
      { label: "Databases / Cache", range: "10.0.16.0/20" },
      { label: "Databases", range: "172.20.0.10-172.20.0.40" },
      { label: "Cache", range: "100.64.1.1" },
    ]);
  });
});
