/** The UAA user store: seeded users plus the mutable bits UAA keeps per user (salt, logon times). */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { SeedUser } from "../seed";

export type UserRecord = {
  readonly user: SeedUser;
  /** Part of `rev_sig`; a new salt revokes every token issued so far (UAA's `/oauth/token/revoke/user/{id}`). */
  salt: string;
  lastLogonMs: number | null;
  /** What `/userinfo` reports as `previous_logon_time`: the logon before the current one. */
  previousLogonMs: number | null;
};

export class UserDirectory {
  private readonly byGuid = new Map<string, UserRecord>();
  private readonly byUsername = new Map<string, UserRecord>();

  constructor(users: SeedUser[]) {
    for (const user of users) {
      if (this.byGuid.has(user.guid) || this.byUsername.has(user.username)) {
        throw new Error(`Duplicate UAA user: ${user.username} (${user.guid})`);
      }
      const record: UserRecord = { user, salt: newSalt(), lastLogonMs: null, previousLogonMs: null };
      this.byGuid.set(user.guid, record);
      this.byUsername.set(user.username, record);
    }
  }

  get(guid: string): UserRecord | undefined {
    return this.byGuid.get(guid);
  }

  /** By guid or username, as the fault API accepts either. */
  find(guidOrUsername: string): UserRecord | undefined {
    return this.byGuid.get(guidOrUsername) ?? this.byUsername.get(guidOrUsername);
  }

  /** Checks a password and, on success, records the logon as UAA's authentication-success event does. */
  authenticate(username: string, password: string, nowMs: number): UserRecord | undefined {
    const record = this.byUsername.get(username);
    // Compare even for unknown users so the answer takes the same time either way.
    const ok = sameSecret(password, record?.user.password ?? randomBytes(16).toString("hex"));
    if (!record || !ok) return undefined;
    record.previousLogonMs = record.lastLogonMs;
    record.lastLogonMs = nowMs;
    return record;
  }

  revoke(guidOrUsername: string): void {
    const record = this.find(guidOrUsername);
    if (!record) throw new Error(`Unknown UAA user: ${guidOrUsername}`);
    record.salt = newSalt();
  }
}

function newSalt(): string {
  return randomBytes(6).toString("base64url");
}

/** Constant-time comparison of two secrets of any length. */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();
  return timingSafeEqual(digest(given), digest(expected));
}
