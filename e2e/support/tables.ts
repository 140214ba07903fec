import type { Page } from "@playwright/test";

/** The body rows of the table captioned `caption`, each as "cell / cell / …". */
export async function tableRows(page: Page, caption: string): Promise<string[]> {
  return page
    .getByRole("table", { name: caption })
    .locator("tbody tr")
    .evaluateAll((trs) =>
      trs.map((tr) =>
        Array.from(tr.querySelectorAll("th, td"))
          .map((cell) => cell.textContent?.trim() ?? "")
          .join(" / "),
      ),
    );
}
