import { afterEach, describe, expect, it } from "vitest";
import { addressRefusal, checkWebhookUrl, urlRefusal, type GuardRule, type Resolver } from "./outbound-guard";
import { verifySignature } from "./signature";
import { startReceiver } from "./test-support/receiver";
import { sendWebhook } from "./webhook";

/**
 * Webhook URLs are untrusted input (docs/design.md §12): the address classes
 * refused under each rule, the scheme rule, and the check at send on the
 * address connected to, with a resolver the test controls (a name that
 * resolved to a public address at save and to a private one at send).
 */

const PUBLIC_V4 = "93.184.216.34";
// [address, development, production]: null allowed, else a phrase of the refusal.
const TABLE: [string, string | null, string | null][] = [
  [PUBLIC_V4, null, null],
  ["2606:2800:220:1:248:1893:25c8:1946", null, null],
  ["127.0.0.1", null, "a loopback address"],
  ["127.8.9.10", null, "a loopback address"],
  ["::1", null, "a loopback address"],
  ["::ffff:127.0.0.1", null, "a loopback address"],
  ["10.1.2.3", "a private address (RFC 1918)", "a private address (RFC 1918)"],
  ["172.16.0.1", "a private address (RFC 1918)", "a private address (RFC 1918)"],
  ["192.168.1.1", "a private address (RFC 1918)", "a private address (RFC 1918)"],
  ["::ffff:10.0.0.1", "10.0.0.1 is a private address", "10.0.0.1 is a private address"],
  ["169.254.169.254", "a cloud metadata address", "a cloud metadata address"],
  ["fd00:ec2::254", "a cloud metadata address", "a cloud metadata address"],
  ["169.254.10.1", "a link-local address", "a link-local address"],
  ["fe80::1", "a link-local address", "a link-local address"],
  ["100.64.0.1", "carrier-grade NAT", "carrier-grade NAT"],
  ["100.127.255.254", "carrier-grade NAT", "carrier-grade NAT"],
  ["fc00::1", "a unique-local address", "a unique-local address"],
  ["fd12:3456::1", "a unique-local address", "a unique-local address"],
  ["0.0.0.0", "the unspecified address", "the unspecified address"],
  ["::", "the unspecified address", "the unspecified address"],
  ["224.0.0.1", "a multicast address", "a multicast address"],
  ["255.255.255.255", "the broadcast address", "the broadcast address"],
  ["192.0.2.1", "reserved or special-purpose", "reserved or special-purpose"],
];

describe("the outbound guard's address classes", () => {
  for (const [address, development, production] of TABLE) {
    it(`${address}: ${development ?? "allowed"} in development, ${production ?? "allowed"} in production`, () => {
      for (const [rule, expected] of [
        ["development", development],
        ["production", production],
      ] as [GuardRule, string | null][]) {
        const refusal = addressRefusal(address, rule);
        if (expected === null) expect(refusal).toBeNull();
        else expect(refusal).toContain(expected);
      }
    });
  }
});

describe("the URL's rules", () => {
  it("production takes https only; development http too; never credentials or other schemes", () => {
    expect(urlRefusal("https://hooks.example.org/x", "production").ok).toBe(true);
    expect(JSON.stringify(urlRefusal("http://hooks.example.org/x", "production"))).toContain(
      '"ok":false,"message":"must be an https URL',
    );
    expect(urlRefusal("http://127.0.0.1:8080/x", "development").ok).toBe(true);
    expect(urlRefusal("ftp://hooks.example.org/x", "development").ok).toBe(false);
    expect(urlRefusal("https://user:pw@hooks.example.org/x", "production")).toEqual({
      ok: false,
      message: "must not hold a user name or password",
    });
    expect(urlRefusal("hooks.example.org", "production").ok).toBe(false);
  });
});

describe("the check at save", () => {
  const resolver =
    (answers: Record<string, string[]>): Resolver =>
    (host) => {
      const addresses = answers[host];
      if (!addresses) return Promise.reject(Object.assign(new Error("not found"), { code: "ENOTFOUND" }));
      return Promise.resolve(
        addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 })),
      );
    };

  it("refuses a name if any address it resolves to is refused, naming the name and the address", async () => {
    const resolve = resolver({ "hooks.example.org": [PUBLIC_V4, "10.0.0.5"], "ok.example.org": [PUBLIC_V4] });
    expect(await checkWebhookUrl("https://hooks.example.org/x", "production", resolve)).toEqual({
      ok: false,
      message:
        "is refused: hooks.example.org resolves to 10.0.0.5, a private address (RFC 1918); " +
        "alerts are never sent to loopback, private, link-local or metadata addresses",
    });
    expect((await checkWebhookUrl("https://ok.example.org/x", "production", resolve)).ok).toBe(true);
    expect(await checkWebhookUrl("https://nowhere.example.org/", "production", resolve)).toEqual({
      ok: false,
      message: "its host nowhere.example.org could not be resolved (ENOTFOUND)",
    });
    expect(
      JSON.stringify(await checkWebhookUrl("https://[fd00:ec2::254]/", "production", resolve)),
    ).toContain("fd00:ec2::254 is a cloud metadata address");
    expect((await checkWebhookUrl("http://localhost:9/", "development", resolve)).ok).toBe(false); // unresolvable here
    expect((await checkWebhookUrl("http://127.0.0.1:9/", "development", resolve)).ok).toBe(true);
    expect((await checkWebhookUrl("https://127.0.0.1:9/", "production", resolve)).ok).toBe(false);
  });
});

describe("the check at send, on the address connected to", () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
  afterEach(async () => {
    await receiver?.close();
    receiver = undefined;
  });
  const body = '{"id":"drift-1"}';
  const base = { body, secret: "whsec_t", idempotencyKey: "drift-1", timeoutMs: 2000 };

  it("connects to the checked address with the name as Host, the body signed", async () => {
    receiver = await startReceiver();
    const resolve: Resolver = () => Promise.resolve([{ address: "127.0.0.1", family: 4 }]);
    const url = `http://hooks.test:${receiver.port}/in`;
    const result = await sendWebhook({ ...base, url, rule: "development", resolve });
    expect(result).toEqual({ ok: true, status: 204 });
    const [got] = receiver.received;
    expect(got?.headers.host).toBe(`hooks.test:${receiver.port}`);
    expect(got?.headers["idempotency-key"]).toBe("drift-1");
    expect(got?.body).toBe(body);
    expect(
      verifySignature({
        secret: "whsec_t",
        body: got?.body ?? "",
        timestamp: String(got?.headers["x-egress-timestamp"]),
        signature: String(got?.headers["x-egress-signature"]),
      }),
    ).toBe(true);
  });

  it("a name that resolved to a public address at save and to a private one at send is refused at send", async () => {
    receiver = await startReceiver();
    let answer = PUBLIC_V4;
    const resolve: Resolver = () => Promise.resolve([{ address: answer, family: 4 }]);
    const url = `http://hooks.test:${receiver.port}/in`;
    expect((await checkWebhookUrl(url, "development", resolve)).ok).toBe(true);
    answer = "10.0.0.5"; // DNS rebinding between save and send
    const result = await sendWebhook({ ...base, url, rule: "development", resolve });
    expect(result).toEqual({
      ok: false,
      status: null,
      error:
        "The webhook URL is refused: hooks.test resolves to 10.0.0.5, a private address (RFC 1918); " +
        "alerts are never sent to loopback, private, link-local or metadata addresses",
    });
    expect(receiver.received).toEqual([]);
  });

  it("with the production rule, a host that resolves to loopback at send is refused before any connection", async () => {
    receiver = await startReceiver();
    let answer = PUBLIC_V4;
    const resolve: Resolver = () => Promise.resolve([{ address: answer, family: 4 }]);
    const url = `https://hooks.test:${receiver.port}/in`;
    expect((await checkWebhookUrl(url, "production", resolve)).ok).toBe(true);
    answer = "127.0.0.1";
    const result = await sendWebhook({ ...base, url, rule: "production", resolve });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain("hooks.test resolves to 127.0.0.1, a loopback address");
    answer = "192.168.10.20";
    const inside = await sendWebhook({ ...base, url, rule: "production", resolve });
    expect(!inside.ok && inside.error).toBe(
      "The webhook URL is refused: hooks.test resolves to 192.168.10.20, a private address (RFC 1918); " +
        "alerts are never sent to loopback, private, link-local or metadata addresses",
    );
    expect(receiver.received).toEqual([]);
    // An IP literal is checked too (no lookup happens for one).
    const literal = await sendWebhook({
      ...base,
      url: `https://127.0.0.1:${receiver.port}/`,
      rule: "production",
      resolve,
    });
    expect(!literal.ok && literal.error).toContain("127.0.0.1 is a loopback address");
  });

  it("follows no redirect, keeps only the status of an error, and gives up on a silent receiver", async () => {
    receiver = await startReceiver((request, res) => {
      if (request.path === "/moved") res.writeHead(302, { Location: "/elsewhere" }).end();
      else if (request.path === "/broken") res.writeHead(500).end("stack trace with internal-secret");
      // "/silent": never answers
    });
    const resolve: Resolver = () => Promise.resolve([{ address: "127.0.0.1", family: 4 }]);
    const url = (path: string) => `http://127.0.0.1:${receiver?.port}${path}`;
    expect(await sendWebhook({ ...base, url: url("/moved"), rule: "development", resolve })).toEqual({
      ok: false,
      status: 302,
      error: "The webhook answered HTTP 302, a redirect, which is not followed",
    });
    expect(await sendWebhook({ ...base, url: url("/broken"), rule: "development", resolve })).toEqual({
      ok: false,
      status: 500,
      error: "The webhook answered HTTP 500",
    });
    expect(receiver.received.map((r) => r.path)).toEqual(["/moved", "/broken"]);
    const silent = await sendWebhook({
      ...base,
      url: url("/silent"),
      rule: "development",
      resolve,
      timeoutMs: 300,
    });
    expect(silent).toEqual({ ok: false, status: null, error: "The webhook did not answer within 0.3 s" });
  });
});
