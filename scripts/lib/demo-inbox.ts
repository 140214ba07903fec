/**
 * The demo's alert inbox (docs/design.md §12): a webhook receiver and an SMTP
 * sink on 127.0.0.1 that print each alert they get, so `npm run demo` shows
 * alerts end to end without a chat or mail server. Add
 * `http://127.0.0.1:<webhook port>/alerts` as a webhook on an org's Alerts page;
 * email destinations go through the sink (the demo sets SMTP_URL to it).
 */
import { createServer } from "node:http";
import { SMTPServer } from "smtp-server";

export type DemoInbox = { webhookUrl: string; smtpUrl: string; close(): void };

const say = (line: string) => console.log(`  [alert inbox] ${line}`);

export async function startDemoInbox(webhookPort: number, smtpPort: number): Promise<DemoInbox> {
  const web = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      try {
        const alert = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { text?: string };
        say(`webhook ${String(req.headers["idempotency-key"] ?? "?")}: ${alert.text ?? "(no text)"}`);
      } catch {
        say("webhook: a body that is not JSON");
      }
      res.writeHead(204).end();
    });
  });
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const subject =
          /^Subject: (.*)$/m.exec(Buffer.concat(chunks).toString("utf8"))?.[1] ?? "(no subject)";
        say(`email to ${session.envelope.rcptTo.map((r) => r.address).join(", ")}: ${subject}`);
        callback();
      });
    },
  });
  await Promise.all([
    new Promise<void>((resolve) => web.listen(webhookPort, "127.0.0.1", resolve)),
    new Promise<void>((resolve) => smtp.listen(smtpPort, "127.0.0.1", resolve)),
  ]);
  return {
    webhookUrl: `http://127.0.0.1:${webhookPort}/alerts`,
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    close: () => {
      web.close();
      smtp.close(() => {});
    },
  };
}
