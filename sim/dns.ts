import { createSocket, type RemoteInfo, type Socket } from "node:dgram";

/**
 * The stand-in world's DNS server (docs/design.md §3): the catalog's networks
 * are invented, so no real resolver knows their hosts, and "Can my app reach
 * …?" could not be tried with a host name in the demo. This one answers A
 * records for a few invented names of those networks, on its own loopback UDP
 * port; the dashboard asks it when `DNS_SERVER` points at it (development
 * only). NXDOMAIN for any other name; no AAAA records; no recursion, no TCP.
 */

/** Host → IPv4 addresses, each in one of the stand-in's networks (docs/design.md §3). */
export const STAND_IN_HOSTS: Readonly<Record<string, readonly string[]>> = {
  // RDS subnet 10.10.0.0/22 (tcp 5432, 3306, 1433, 1521): trusted-local egress.
  "rds.agency-alpha.internal": ["10.10.0.12"],
  // Redis subnet 10.10.4.0/24 (tcp 6379).
  "redis.internal": ["10.10.4.5"],
  // Elasticsearch subnet 10.10.5.0/24 (tcp 443, 9200).
  "elasticsearch.internal": ["10.10.5.7"],
  // The S3 VPC endpoint 10.10.8.0/24 (tcp 443): brokered buckets.
  "s3.vpce.internal": ["10.10.8.20"],
  // Public S3, 52.216.0.0/15 (tcp 443): public egress.
  "s3.amazonaws.com": ["52.216.8.10", "52.217.44.2"],
  // The public web probe range, 93.184.216.0/24 (tcp 80, 443).
  "example.com": ["93.184.216.34"],
  "www.example.com": ["93.184.216.34"],
  // A private host no profile opens: the answer is "No", and no profile would change it.
  "ldap.agency-alpha.internal": ["10.20.0.5"],
};

const TYPE_A = 1;
const CLASS_IN = 1;
const TTL_SECONDS = 60;

type Question = { id: number; flags: number; name: string; type: number; klass: number; bytes: Buffer };

/** The first question of a query, or null when the packet is not one this server can read. */
export function readQuestion(packet: Buffer): Question | null {
  if (packet.length < 12) return null;
  const id = packet.readUInt16BE(0);
  const flags = packet.readUInt16BE(2);
  const questions = packet.readUInt16BE(4);
  if (flags & 0x8000 || questions < 1) return null; // a response, or no question
  const labels: string[] = [];
  let at = 12;
  for (;;) {
    const length = packet[at];
    if (length === undefined || length > 63) return null; // past the end, or a compression pointer
    at++;
    if (length === 0) break;
    if (at + length > packet.length) return null;
    labels.push(packet.toString("latin1", at, at + length));
    at += length;
  }
  if (at + 4 > packet.length) return null;
  return {
    id,
    flags,
    name: labels.join(".").toLowerCase(),
    type: packet.readUInt16BE(at),
    klass: packet.readUInt16BE(at + 2),
    bytes: packet.subarray(12, at + 4),
  };
}

/** The answer to a question: its A records, NOERROR with none for another type, NXDOMAIN for a stranger. */
export function answer(question: Question, hosts: Readonly<Record<string, readonly string[]>>): Buffer {
  const addresses = hosts[question.name];
  const records = addresses && question.type === TYPE_A && question.klass === CLASS_IN ? addresses : [];
  const header = Buffer.alloc(12);
  header.writeUInt16BE(question.id, 0);
  // QR, the query's opcode and RD, AA (this server is the authority for its names), RA; NXDOMAIN for a stranger.
  const flags = 0x8000 | (question.flags & 0x7900) | 0x0400 | 0x0080 | (addresses ? 0 : 3);
  header.writeUInt16BE(flags, 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(records.length, 6);
  const answers = records.map((address) => {
    const record = Buffer.alloc(16);
    record.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question's
    record.writeUInt16BE(TYPE_A, 2);
    record.writeUInt16BE(CLASS_IN, 4);
    record.writeUInt32BE(TTL_SECONDS, 6);
    record.writeUInt16BE(4, 10);
    address.split(".").forEach((octet, i) => record.writeUInt8(Number(octet), 12 + i));
    return record;
  });
  return Buffer.concat([header, question.bytes, ...answers]);
}

export type StandInDns = { port: number; close: () => Promise<void> };

/** Starts the server on a loopback UDP port (0: a free one). */
export function startDns(
  options: { host?: string; port: number; hosts?: Readonly<Record<string, readonly string[]>> } = { port: 0 },
): Promise<StandInDns> {
  const hosts = options.hosts ?? STAND_IN_HOSTS;
  const host = options.host ?? "127.0.0.1";
  const socket: Socket = createSocket(host.includes(":") ? "udp6" : "udp4");
  socket.on("message", (packet: Buffer, from: RemoteInfo) => {
    const question = readQuestion(packet);
    if (question) socket.send(answer(question, hosts), from.port, from.address);
  });
  return new Promise((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(options.port, host, () => {
      socket.off("error", reject);
      resolve({
        port: socket.address().port,
        close: () => new Promise((done) => socket.close(() => done())),
      });
    });
  });
}
