import type { Lifecycle } from "./lifecycle";

/**
 * The cf CLI command equivalent to a change, so users learn the CLI and can
 * script it (docs/design.md §9). Names with spaces or quotes are quoted for a shell.
 */

const quote = (value: string) =>
  /^[\w.@%+=:,/-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;

export function cfCommand(change: {
  action: "bind" | "unbind";
  lifecycle: Lifecycle;
  group: string;
  org: string;
  space: string;
}): string {
  const lifecycle = change.lifecycle === "staging" ? " --lifecycle staging" : "";
  return change.action === "bind"
    ? `cf bind-security-group ${quote(change.group)} ${quote(change.org)} --space ${quote(change.space)}${lifecycle}`
    : `cf unbind-security-group ${quote(change.group)} ${quote(change.org)} ${quote(change.space)}${lifecycle}`;
}

/** Binding to every existing space of an org: `cf bind-security-group GROUP ORG` without --space. */
export function cfOrgCommand(change: { lifecycle: Lifecycle; group: string; org: string }): string {
  const lifecycle = change.lifecycle === "staging" ? " --lifecycle staging" : "";
  return `cf bind-security-group ${quote(change.group)} ${quote(change.org)}${lifecycle}`;
}

/** When a change takes effect (docs/cf-behaviour.md §2.5): CAPI cannot tell, so the operator configures it. */
export function takesEffect(dynamicAsgs: boolean, lifecycle: Lifecycle): string {
  if (dynamicAsgs) return "Takes effect within about two minutes, without restarting apps.";
  return lifecycle === "running"
    ? "Takes effect for running apps when you restart them (cf restart)."
    : "Takes effect for staging when you restage apps (cf restage).";
}

/**
 * Moving a space to an isolation segment, or back to the org's default. The cf CLI names the space
 * within the targeted org, so the command targets the org first.
 */
export function cfSegmentCommand(change: { org: string; space: string; segment: string | null }): string {
  const target = `cf target -o ${quote(change.org)}`;
  return change.segment === null
    ? `${target} && cf reset-space-isolation-segment ${quote(change.space)}`
    : `${target} && cf set-space-isolation-segment ${quote(change.space)} ${quote(change.segment)}`;
}

/**
 * A group edit's cf commands: the rules from a file (`cf update-security-group` replaces them whole,
 * as the PATCH does), and each platform-wide flag that changes by its own bind/unbind command.
 */
export function cfGroupEditCommands(edit: {
  group: string;
  rulesChanged: boolean;
  flags: { lifecycle: Lifecycle; on: boolean }[];
}): string[] {
  const group = quote(edit.group);
  return [
    ...(edit.rulesChanged ? [`cf update-security-group ${group} rules.json`] : []),
    ...edit.flags.map(
      (flag) => `cf ${flag.on ? "bind" : "unbind"}-${flag.lifecycle}-security-group ${group}`,
    ),
  ];
}

/**
 * A group create's cf commands: the group with its rules from a file, then each platform-wide flag
 * that is on by its own bind command (`cf create-security-group` sets no flag).
 */
export function cfGroupCreateCommands(create: {
  group: string;
  globallyEnabled: Record<Lifecycle, boolean>;
}): string[] {
  const group = quote(create.group);
  return [
    `cf create-security-group ${group} rules.json`,
    ...(["running", "staging"] as const)
      .filter((lifecycle) => create.globallyEnabled[lifecycle])
      .map((lifecycle) => `cf bind-${lifecycle}-security-group ${group}`),
  ];
}
