import type { Page } from "@playwright/test";

/**
 * Checks of a page at a phone's width (issue 20, item 6): nothing cut off,
 * nothing scrolling sideways inside a box. Shared by the space page's and the
 * group edit form's narrow specs.
 */

/** Every control within `within` whose box reaches past the viewport's sides, named for the failure message. */
export async function cutOff(page: Page, width: number, within = "body"): Promise<string[]> {
  return page.evaluate(
    ([width, within]) => {
      const controls = document
        .querySelector(within)
        ?.querySelectorAll<HTMLElement>(
          'a[href], button, input:not([type="hidden"]), select, textarea, [role="switch"], summary',
        );
      const out: string[] = [];
      for (const el of controls ?? []) {
        // React Aria's switch input is visually hidden (1 px, clipped); its track is what is seen.
        const target =
          el.closest("label") && el.matches("input") && el.getBoundingClientRect().width <= 1
            ? (el.closest("label") as HTMLElement)
            : el;
        const box = target.getBoundingClientRect();
        // Not rendered (a closed disclosure's content), or visually hidden until focused (the skip link).
        const style = getComputedStyle(target);
        if (
          box.width <= 1 ||
          box.height <= 1 ||
          style.clipPath === "inset(50%)" ||
          style.clip === "rect(0px, 0px, 0px, 0px)"
        )
          continue;
        if (box.left < -0.5 || box.right > width + 0.5)
          out.push(
            `${el.tagName.toLowerCase()} "${(el.textContent ?? el.getAttribute("name") ?? "").trim().slice(0, 40)}" ${Math.round(box.left)}–${Math.round(box.right)}`,
          );
      }
      if (!controls) out.push(`nothing matches ${within}`);
      return out;
    },
    [width, within] as const,
  );
}

/** Every element within `within` that scrolls inside itself, and whether the page itself scrolls sideways. */
export async function innerScrolls(page: Page, within = "body"): Promise<string[]> {
  return page.evaluate((within) => {
    const out: string[] = [];
    if (document.documentElement.scrollWidth > document.documentElement.clientWidth + 1)
      out.push(`the page: ${document.documentElement.scrollWidth} px wide`);
    for (const el of document.querySelectorAll<HTMLElement>(`${within} *`)) {
      const style = getComputedStyle(el);
      const scrolls = (v: string) => v === "auto" || v === "scroll";
      if (
        (scrolls(style.overflowX) && el.scrollWidth > el.clientWidth + 1) ||
        (scrolls(style.overflowY) && el.scrollHeight > el.clientHeight + 1 && el.tagName !== "TEXTAREA")
      )
        out.push(`${el.tagName.toLowerCase()}.${el.className.toString().slice(0, 60)}`);
    }
    return out;
  }, within);
}
