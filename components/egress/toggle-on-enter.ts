import type { KeyboardEvent } from "react";

/**
 * Enter on a native checkbox with role="switch" toggles it, as Space does
 * (a checkbox answers Space only; people expect a switch, like a button, to
 * answer Enter too). The click goes through the checkbox's own handlers, so
 * a disabled switch stays still. For the org matrix's light switches.
 */
export function toggleOnEnter(event: KeyboardEvent<HTMLInputElement>): void {
  if (event.key !== "Enter" || event.repeat) return;
  event.preventDefault();
  event.currentTarget.click();
}
