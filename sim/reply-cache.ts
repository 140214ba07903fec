import type { CfResult } from "./cf/app";
import type { Caller } from "./cf/auth";
import type { Reply, Request } from "./http";
import type { World } from "./world";

/**
 * The CF API's read answers, serialised once and sent again while nothing
 * has changed: for benchmarks only (`SimOptions.cacheReads`, set by
 * scripts/lib/bench-sim.mts). A benchmark runs the stand-in on the machine
 * that runs the dashboard, and at 10,000 groups presenting and serialising
 * the 11 MB group list cost the stand-in ~150 ms of CPU per page load, taken
 * from the same cores the dashboard is measured on. A real Cloud Controller
 * runs on other machines, so its work is not the dashboard's; the answers
 * themselves are the same bytes.
 *
 * An answer is kept per caller's token and URL, with the world it was made
 * from and that world's version (`worldChanged`): any write through the API
 * and CC's background jobs (a group's deletion) bump it, and the test routes
 * that change the world (reset, `POST /__sim/world`) replace it. The token is still checked on every hit (it may have
 * expired). Bounded: the least recently used answer goes first.
 */

const versions = new WeakMap<World, number>();

/** Says that the world changed: every answer made from it before is stale. */
export function worldChanged(world: World): void {
  versions.set(world, (versions.get(world) ?? 0) + 1);
}

/** The world's version now: a read records it before it starts, so a write during the read makes it stale. */
export const worldVersion = (world: World): number => versions.get(world) ?? 0;

export type CachedReply = { reply: Reply; callerGuid: string | null };

type Entry = CachedReply & { world: World; version: number };

type Api = {
  handle: (req: Request) => Promise<CfResult>;
  identify: (req: Request) => Promise<Caller | null>;
};

export class ReplyCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly maxEntries = 32) {}

  private static key(authorization: string | undefined, url: string): string {
    return `${authorization ?? ""}\n${url}`;
  }

  /** The answer made for this token and URL from this world as it is now, if any. */
  get(world: World, authorization: string | undefined, url: string): CachedReply | undefined {
    const key = ReplyCache.key(authorization, url);
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    if (entry.world !== world || entry.version !== worldVersion(world)) return undefined;
    this.entries.set(key, entry); // most recently used last
    return entry;
  }

  /** Keeps a successful read's answer, its body serialised once, made from `world` at `version`. */
  put(
    made: { world: World; version: number },
    authorization: string | undefined,
    url: string,
    cached: CachedReply,
  ): void {
    const { reply } = cached;
    const body =
      typeof reply.body === "string" || reply.body === undefined ? reply.body : JSON.stringify(reply.body);
    const headers = { ...reply.headers };
    if (typeof reply.body !== "string" && reply.body !== undefined)
      headers["Content-Type"] ??= "application/json; charset=utf-8";
    this.entries.set(ReplyCache.key(authorization, url), {
      reply: { status: reply.status, headers, body },
      callerGuid: cached.callerGuid,
      world: made.world,
      version: made.version,
    });
    for (const [oldest] of this.entries) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(oldest);
    }
  }

  /** The API's answer to `req`; a read's from this cache when it holds one made from `world` as it is now. */
  async answer(world: World, req: Request, api: Api): Promise<CfResult> {
    if (req.method !== "GET") {
      worldChanged(world); // before and after: a read running alongside a write is not kept
      const done = await api.handle(req);
      worldChanged(world);
      return done;
    }
    const url = req.rawQuery ? `${req.path}?${req.rawQuery}` : req.path;
    const authorization = req.headers.authorization;
    const hit = this.get(world, authorization, url);
    if (hit !== undefined) {
      const caller = await api.identify(req);
      if ((caller?.guid ?? null) === hit.callerGuid) return { caller, reply: hit.reply };
    }
    const made = { world, version: worldVersion(world) };
    const done = await api.handle(req);
    if (done.reply.status !== 200) return done;
    this.put(made, authorization, url, { reply: done.reply, callerGuid: done.caller?.guid ?? null });
    return { caller: done.caller, reply: this.get(world, authorization, url)?.reply ?? done.reply };
  }
}
