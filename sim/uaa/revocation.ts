/**
 * UAA's revocation signature (`rev_sig`), as `UaaTokenUtils.getRevocableTokenSignature` computes it:
 * a chain of MurmurHash3 (x86, 32 bit, seed 0xF0F0) over the client id and secret and the user's id,
 * password, salt, email and username. Changing any of them (UAA's "revoke all tokens of a user" sets a new
 * salt) makes every token that carries the old signature fail validation, refresh tokens included.
 */

const SEED = 0xf0f0;

/** MurmurHash3 x86_32 with Java `int` semantics (the result is signed, as in UAA). */
export function murmur3x86_32(data: Uint8Array, seed: number): number {
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  const mix = (k: number) => Math.imul(rotl(Math.imul(k, c1), 15), c2);
  let h1 = seed | 0;
  const roundedEnd = data.length & ~3;
  for (let i = 0; i < roundedEnd; i += 4) {
    const k1 =
      byte(data, i) | (byte(data, i + 1) << 8) | (byte(data, i + 2) << 16) | (byte(data, i + 3) << 24);
    h1 ^= mix(k1);
    h1 = (Math.imul(rotl(h1, 13), 5) + 0xe6546b64) | 0;
  }
  const tail = data.length & 3;
  if (tail > 0) {
    let k1 = 0;
    if (tail === 3) k1 |= byte(data, roundedEnd + 2) << 16;
    if (tail >= 2) k1 |= byte(data, roundedEnd + 1) << 8;
    k1 |= byte(data, roundedEnd);
    h1 ^= mix(k1);
  }
  h1 ^= data.length;
  h1 ^= h1 >>> 16;
  h1 = Math.imul(h1, 0x85ebca6b);
  h1 ^= h1 >>> 13;
  h1 = Math.imul(h1, 0xc2b2ae35);
  h1 ^= h1 >>> 16;
  return h1 | 0;
}

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

function byte(data: Uint8Array, index: number): number {
  return data[index] ?? 0;
}

/** `UaaTokenUtils.getRevocationHash`: hex (Java `Integer.toHexString`, so no leading zeros) of the chained hash. */
export function revocationHash(salts: string[]): string {
  let result = "";
  for (const salt of salts) {
    const bytes = Buffer.from(`${result}###${salt}`, "utf8");
    result = (murmur3x86_32(bytes, SEED) >>> 0).toString(16);
  }
  return result;
}

export type RevocationSubject = {
  clientId: string;
  clientSecret: string;
  user?: { guid: string; password: string; salt: string; email: string; username: string };
};

export function revocationSignature({ clientId, clientSecret, user }: RevocationSubject): string {
  const salts = [clientId, clientSecret];
  if (user) salts.push(user.guid, user.password, user.salt, user.email, user.username);
  return revocationHash(salts);
}
