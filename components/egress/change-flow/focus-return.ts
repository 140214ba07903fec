/**
 * Where keyboard focus goes back to when a change dialog closes: the control
 * that opened it (docs/design.md §9). React Aria gives focus back as the
 * dialog unmounts, but a control that is saving is disabled then, and a
 * disabled control cannot take focus, so it fell to <body> and the next Tab
 * started from the top of the page. The change flow notes the opener when
 * it asks, and gives focus back once the control is enabled again; a control
 * that is gone by then (a fix button, once its destination is open) hands
 * focus to its row, which a screen reader reads out whole.
 */

export type FocusTarget = { element: HTMLElement; row: HTMLElement | null };

/** The element that has focus now, as what a dialog opened from it should give focus back to. */
export function focusOpener(): FocusTarget | null {
  const active = document.activeElement;
  if (!(active instanceof HTMLElement) || active === document.body) return null;
  return { element: active, row: active.closest<HTMLElement>("tr, li") };
}

function canTakeFocus(element: HTMLElement): boolean {
  if (!element.isConnected || element.closest("[inert], [hidden]")) return false;
  return !(element as HTMLElement & { disabled?: boolean }).disabled;
}

/**
 * Gives focus back, unless the user has already put it somewhere else (focus
 * on anything but <body>, or the opener itself, is theirs to keep).
 */
export function returnFocus(target: FocusTarget | null): void {
  if (!target) return;
  const active = document.activeElement;
  if (active && active !== document.body && active !== target.element) return;
  if (canTakeFocus(target.element)) {
    target.element.focus();
    return;
  }
  const row = target.row;
  if (row && canTakeFocus(row)) {
    if (!row.hasAttribute("tabindex")) row.tabIndex = -1;
    row.focus();
  }
}

/** After the browser has drawn what React committed (and React Aria has restored what it could). */
export function afterPaint(run: () => void): void {
  requestAnimationFrame(() => requestAnimationFrame(run));
}
