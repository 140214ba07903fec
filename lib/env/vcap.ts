import { z } from "zod";
import type { Env, Origin, Source } from "./types";

/**
 * What Cloud Foundry sets: VCAP_SERVICES (bound services' credentials) and
 * VCAP_APPLICATION (the app's name and routes). parseEnv (./index.ts) merges
 * them under what the environment sets.
 */

const vcapApplicationSchema = z.looseObject({
  application_name: z.string().optional(),
  name: z.string().optional(),
  space_name: z.string().optional(),
  application_uris: z.array(z.string()).optional(),
  uris: z.array(z.string()).optional(),
});

const vcapServiceSchema = z.looseObject({
  name: z.string(),
  label: z.string().optional(),
  tags: z.array(z.string()).optional(),
  credentials: z.record(z.string(), z.unknown()).optional(),
});
const vcapServicesSchema = z.record(z.string(), z.array(vcapServiceSchema));
type VcapService = z.infer<typeof vcapServiceSchema>;

/** The secrets a user-provided service may carry, under the variables' own names. */
const SERVICE_VARIABLES = [
  "UAA_CLIENT_ID",
  "UAA_CLIENT_SECRET",
  "AUTH_SECRET",
  "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY",
];

export type FromServices = { values: Source; origins: Record<string, Origin>; problems: string[] };

function credential(service: VcapService, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = service.credentials?.[key];
    if (typeof value === "string" && value !== "") return value;
  }
  return undefined;
}

/**
 * What the bound services provide. A PostgreSQL service is one whose
 * credentials hold a postgres:// `uri` (cloud.gov's aws-rds, most brokers);
 * the UAA client is a service whose credentials hold `client_id` and
 * `client_secret` (a user-provided service, or cloud.gov's identity-provider
 * service key); a user-provided service may also carry any of
 * SERVICE_VARIABLES by name. Two services offering the same thing are an
 * error, unless the variable is set in the environment.
 */
export function fromServices(json: string | undefined, env: Source): FromServices {
  const out: FromServices = { values: {}, origins: {}, problems: [] };
  if (json === undefined) return out;
  let parsed: z.infer<typeof vcapServicesSchema>;
  try {
    const result = vcapServicesSchema.safeParse(JSON.parse(json));
    if (!result.success) {
      out.problems.push("VCAP_SERVICES: is not the JSON Cloud Foundry sets (an object of service lists)");
      return out;
    }
    parsed = result.data;
  } catch {
    out.problems.push("VCAP_SERVICES: is not valid JSON");
    return out;
  }
  const services = Object.values(parsed).flat();
  const offer = (variable: string, candidates: { service: VcapService; value: string }[]) => {
    if (env[variable] !== undefined || candidates.length === 0) return;
    if (candidates.length > 1) {
      const names = candidates.map((c) => `"${c.service.name}"`).join(", ");
      out.problems.push(`${variable}: several bound services offer it (${names}); set ${variable} to choose`);
      return;
    }
    const [only] = candidates;
    if (!only) return;
    out.values[variable] = only.value;
    out.origins[variable] = `VCAP_SERVICES (${only.service.name})`;
  };
  const each = (pick: (s: VcapService) => string | undefined) =>
    services.flatMap((service) => {
      const value = pick(service);
      return value === undefined ? [] : [{ service, value }];
    });

  offer(
    "DATABASE_URL",
    each((s) => {
      const uri = credential(s, "uri", "url", "database_uri");
      return uri !== undefined && /^postgres(ql)?:\/\//.test(uri) ? uri : undefined;
    }),
  );
  // The watcher's client is a platform credential of its own (lib/watch), never the sign-in client.
  const clients = services.filter(
    (s) => !isWatcherService(s) && credential(s, "client_id") && credential(s, "client_secret"),
  );
  offer(
    "UAA_CLIENT_ID",
    clients.map((service) => ({ service, value: credential(service, "client_id") ?? "" })),
  );
  offer(
    "UAA_CLIENT_SECRET",
    clients.map((service) => ({ service, value: credential(service, "client_secret") ?? "" })),
  );
  const provided = services.filter((s) => s.label === "user-provided");
  for (const variable of SERVICE_VARIABLES) {
    if (out.values[variable] !== undefined) continue;
    offer(
      variable,
      provided.flatMap((service) => {
        const value = credential(service, variable);
        return value === undefined ? [] : [{ service, value }];
      }),
    );
  }
  return out;
}

/** The name, or tag, of the bound service that carries the watcher's client (docs/deploy.md). */
export const WATCHER_SERVICE = "egress-watcher";

function isWatcherService(service: VcapService): boolean {
  return service.name === WATCHER_SERVICE || (service.tags ?? []).includes(WATCHER_SERVICE);
}

/**
 * The watcher's client from VCAP_SERVICES: the service named or tagged
 * `egress-watcher` whose credentials hold `client_id` and `client_secret`.
 * Undefined when none is bound (or VCAP_SERVICES is unreadable: parseEnv says so).
 */
export function watcherFromServices(
  json: string | undefined,
): { clientId: string; clientSecret: string; service: string } | "incomplete" | undefined {
  if (json === undefined) return undefined;
  let parsed: z.infer<typeof vcapServicesSchema>;
  try {
    const result = vcapServicesSchema.safeParse(JSON.parse(json));
    if (!result.success) return undefined;
    parsed = result.data;
  } catch {
    return undefined;
  }
  const service = Object.values(parsed).flat().find(isWatcherService);
  if (service === undefined) return undefined;
  const clientId = credential(service, "client_id");
  const clientSecret = credential(service, "client_secret");
  if (clientId === undefined || clientSecret === undefined) return "incomplete";
  return { clientId, clientSecret, service: service.name };
}

export function fromApplication(json: string | undefined): {
  app?: Env["cfApp"];
  origin?: string;
  problems: string[];
} {
  if (json === undefined) return { problems: [] };
  let parsed: z.infer<typeof vcapApplicationSchema>;
  try {
    const result = vcapApplicationSchema.safeParse(JSON.parse(json));
    if (!result.success) return { problems: ["VCAP_APPLICATION: is not the JSON Cloud Foundry sets"] };
    parsed = result.data;
  } catch {
    return { problems: ["VCAP_APPLICATION: is not valid JSON"] };
  }
  const uri = (parsed.application_uris ?? parsed.uris)?.[0];
  const name = parsed.application_name ?? parsed.name;
  return {
    app: name === undefined ? undefined : { name, spaceName: parsed.space_name },
    // The first route: CF's router terminates TLS, so the public origin is https.
    origin: uri === undefined ? undefined : `https://${uri.replace(/\/+$/, "")}`,
    problems: [],
  };
}
