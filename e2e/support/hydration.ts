import type { Locator } from "@playwright/test";

/**
 * Waits until React has hydrated the element (it then carries React's own
 * `__reactFiber$…` key). A test that edits the DOM by hand, as a forger
 * would, must wait for it: hydration sets a select back to its defaultValue
 * and would undo an edit made before it.
 */
export async function hydrated(element: Locator): Promise<void> {
  await element.evaluate(
    (node) =>
      new Promise<void>((resolve) => {
        const check = () =>
          Object.keys(node).some((key) => key.startsWith("__reactFiber$"))
            ? resolve()
            : setTimeout(check, 20);
        check();
      }),
  );
}
