import { expect, type Locator, type Page } from "@playwright/test";

/** The org's activity (`/orgs/[orgGuid]/activity`). */
export class ActivityPage {
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole("table", { name: /Change history of/ });
  }

  async goto(orgGuid: string, search = ""): Promise<this> {
    await this.page.goto(`/orgs/${orgGuid}/activity${search}`);
    await expect(this.page.getByRole("heading", { level: 1, name: /Activity of/ })).toBeVisible();
    return this;
  }

  /** The table as text: one array of cell texts per row, newest first. */
  async rows(): Promise<string[][]> {
    if ((await this.table.count()) === 0) return [];
    const rows: string[][] = [];
    for (const row of await this.table.locator("tbody tr").all()) {
      rows.push((await row.locator("th, td").allInnerTexts()).map((c) => c.trim().replace(/\s+/g, " ")));
    }
    return rows;
  }

  /** Waits until a row contains the text (the drift check runs after a page's response). */
  async expectRow(text: string | RegExp, timeout = 15_000): Promise<void> {
    await expect
      .poll(
        async () => {
          await this.page.reload();
          return (await this.rows()).some((r) =>
            typeof text === "string" ? r.join(" | ").includes(text) : text.test(r.join(" | ")),
          );
        },
        { timeout, intervals: [500, 1000, 2000] },
      )
      .toBe(true);
  }
}
