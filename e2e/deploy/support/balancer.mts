/**
 * A stand-in for the Cloud Foundry router in front of the dashboard's
 * instances: one loopback address, requests passed to the instances with the
 * Host header untouched (as the route's host), no session affinity. Tests
 * steer it to show what they need: every request to instance `a`, or `b`, or
 * round robin.
 *
 *   tsx e2e/deploy/support/balancer.mts --port 3600 --target a=3601 --target b=3602
 *   POST /__balancer {"mode": "a" | "b" | "round-robin"}    GET /__balancer → {mode, served}
 *
 * Each response says which instance answered (X-Served-By).
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from "node:http";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: { port: { type: "string" }, target: { type: "string", multiple: true } },
  strict: true,
});
const targets = new Map(
  (values.target ?? []).map((t) => {
    const [name, port] = t.split("=");
    return [name ?? "", Number(port)] as const;
  }),
);
const names = [...targets.keys()];
let mode = "round-robin";
let next = 0;
const served: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));

function pick(): string {
  if (mode !== "round-robin") return mode;
  const name = names[next % names.length] ?? "";
  next += 1;
  return name;
}

function control(req: IncomingMessage, res: ServerResponse): void {
  if (req.method === "GET") {
    res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ mode, served }));
    return;
  }
  let body = "";
  req.on("data", (chunk: Buffer) => (body += chunk.toString()));
  req.on("end", () => {
    const wanted = (JSON.parse(body || "{}") as { mode?: string }).mode ?? "";
    if (wanted !== "round-robin" && !targets.has(wanted)) {
      res.writeHead(400).end(`mode must be round-robin or one of ${names.join(", ")}`);
      return;
    }
    mode = wanted;
    res.writeHead(204).end();
  });
}

const server = createServer((req, res) => {
  if (req.url === "/__balancer") return control(req, res);
  const name = pick();
  const port = targets.get(name);
  const upstream = request(
    { host: "127.0.0.1", port, method: req.method, path: req.url, headers: req.headers },
    (answer) => {
      served[name] = (served[name] ?? 0) + 1;
      res.writeHead(answer.statusCode ?? 502, { ...answer.headers, "x-served-by": name });
      answer.pipe(res);
    },
  );
  upstream.on("error", () => {
    if (!res.headersSent) res.writeHead(502, { "x-served-by": name });
    res.end();
  });
  req.pipe(upstream);
});
server.listen(Number(values.port), "127.0.0.1");
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    server.close();
    server.closeAllConnections();
    process.exit(0);
  });
}
