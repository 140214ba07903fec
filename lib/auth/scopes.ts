/**
 * The scopes the dashboard asks for: read and write, plus the three global
 * roles, so a platform admin or auditor keeps their rights in the dashboard.
 * UAA grants the intersection with the user's groups, so asking costs nothing.
 * (Not asking at all would not work: Auth.js would then request "openid
 * profile email", and UAA refuses scopes its client may not have.)
 */
export const UAA_SCOPES = [
  "openid",
  "cloud_controller.read",
  "cloud_controller.write",
  "cloud_controller.admin",
  "cloud_controller.admin_read_only",
  "cloud_controller.global_auditor",
] as const;

export type Privileges = {
  /** `cloud_controller.admin`: sees and changes everything. */
  isAdmin: boolean;
  /** Admin, admin read-only or global auditor: sees every org and space. */
  readsGlobally: boolean;
};

export function privilegesOf(scopes: readonly string[]): Privileges {
  const has = (scope: string) => scopes.includes(scope);
  const isAdmin = has("cloud_controller.admin");
  return {
    isAdmin,
    readsGlobally:
      isAdmin || has("cloud_controller.admin_read_only") || has("cloud_controller.global_auditor"),
  };
}
