import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "@/lib/actions/define-action";
import { defaultCatalog } from "@/lib/egress/default-catalog";
import { platformNetworksOf } from "./platform-networks";
import { requestSchema } from "./schema";

const schema = requestSchema(platformNetworksOf(defaultCatalog));
const ORG = "6b9d3f4e-5f1c-4a8e-9d0b-2c7a1e3f4b5a";

const good = {
  orgGuid: ORG,
  endpointIp: "52.1.2.3",
  privateCidrs: "10.20.0.0/16\n192.168.4.0/24",
  endpointType: "palo-alto",
  endpointOther: "",
  appCount: "12",
};

function errorsOf(values: Record<string, unknown>): Record<string, string[]> {
  const result = schema.safeParse(values);
  if (result.success) return {};
  return fieldErrorsOf(result.error);
}

describe("the private-egress request schema", () => {
  it("turns a good form into the request's values", () => {
    expect(schema.parse({ ...good, endpointIp: " 52.1.2.3 ", appCount: " 12 " })).toEqual({
      orgGuid: ORG,
      endpointIp: "52.1.2.3",
      privateCidrs: ["10.20.0.0/16", "192.168.4.0/24"],
      endpointType: "palo-alto",
      endpointOther: "",
      appCount: 12,
    });
  });

  it("accepts “other” with a name, and a form without the other field for a listed type", () => {
    expect(schema.parse({ ...good, endpointType: "other", endpointOther: " Libreswan 4.12 " })).toMatchObject(
      {
        endpointType: "other",
        endpointOther: "Libreswan 4.12",
      },
    );
    const { endpointOther: _, ...withoutOther } = good;
    expect(schema.safeParse(withoutOther).success).toBe(true);
  });

  it("reports each field's own problem, every field at once", () => {
    expect(
      errorsOf({
        orgGuid: "",
        endpointIp: "10.0.0.1",
        privateCidrs: "10.0.0.1/8\n8.8.8.0/24",
        endpointType: "other",
        endpointOther: "  ",
        appCount: "about 20",
      }),
    ).toEqual({
      orgGuid: ["Choose the org that needs private egress."],
      endpointIp: [expect.stringContaining("10.0.0.1 is in private-use space (10.0.0.0/8, RFC 1918)")],
      privateCidrs: [
        "line 1: 10.0.0.1/8 has host bits set; did you mean 10.0.0.0/8?",
        expect.stringContaining("line 2: 8.8.8.0/24 is public address space"),
      ],
      endpointOther: ["You chose “Other”: name your IPsec endpoint, such as “Libreswan 4.12”."],
      appCount: ["“about 20” is not a whole number: enter digits only, such as 12."],
    });
  });

  it.each([
    [{ orgGuid: "agency-alpha" }, "orgGuid", "Choose one of your orgs from the list."],
    [{ orgGuid: undefined }, "orgGuid", "Choose the org that needs private egress."],
    [{ orgGuid: [ORG, ORG] }, "orgGuid", "Choose the org that needs private egress."],
    [{ endpointIp: undefined }, "endpointIp", "Enter the public IP address of your IPsec endpoint."],
    [{ endpointIp: "" }, "endpointIp", "Enter the public IP address of your IPsec endpoint."],
    [
      { privateCidrs: "" },
      "privateCidrs",
      "Enter at least one private network, as a CIDR such as 10.20.0.0/16.",
    ],
    [
      { privateCidrs: "10.10.0.0/22" },
      "privateCidrs",
      "line 1: 10.10.0.0/22 overlaps the platform's RDS subnet 10.10.0.0/22; traffic to those addresses stays inside the platform, so it cannot be routed to your network.",
    ],
    [
      { privateCidrs: "1".repeat(10_001) },
      "privateCidrs",
      "That is too much text: enter one CIDR per line, at most 100 of them.",
    ],
    [{ endpointType: "" }, "endpointType", "Choose the type of your IPsec endpoint."],
    [{ endpointType: "cisco-pix" }, "endpointType", "Choose the type of your IPsec endpoint."],
    [
      { endpointType: "other", endpointOther: "" },
      "endpointOther",
      "You chose “Other”: name your IPsec endpoint, such as “Libreswan 4.12”.",
    ],
    [{ endpointOther: "x".repeat(201) }, "endpointOther", "Keep the endpoint's name under 200 characters."],
    [{ appCount: "" }, "appCount", "Enter the approximate number of apps that will use the connection."],
    [{ appCount: "0" }, "appCount", "Enter at least 1 app."],
    [{ appCount: "-3" }, "appCount", "“-3” is not a whole number: enter digits only, such as 12."],
    [{ appCount: "2.5" }, "appCount", "“2.5” is not a whole number: enter digits only, such as 12."],
    [{ appCount: "1e3" }, "appCount", "“1e3” is not a whole number: enter digits only, such as 12."],
    [{ appCount: "100001" }, "appCount", "Enter at most 100,000 apps; for more, contact support directly."],
  ])("refuses %j with a message on %s", (change, field, message) => {
    expect(errorsOf({ ...good, ...change })).toEqual({ [field]: [message] });
  });
});
