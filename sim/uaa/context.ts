/** What every route handler of one UAA instance shares. */
import type { ClientRegistry } from "./clients";
import type { CodeStore } from "./codes";
import type { SigningKey } from "./keys";
import type { SessionStore } from "./sessions";
import type { TokenService } from "./tokens";
import type { UserDirectory } from "./users";

export type UaaContext = {
  baseUrl: string;
  issuer: string;
  /** Cookies get `Secure` when the UAA is served over https. */
  secureCookies: boolean;
  startedAtMs: number;
  now: () => number;
  clients: ClientRegistry;
  users: UserDirectory;
  key: SigningKey;
  tokens: TokenService;
  codes: CodeStore;
  sessions: SessionStore;
};
