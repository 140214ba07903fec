import { expect, type Locator, type Page } from "@playwright/test";
import { ChangeDialog } from "./change-dialog";

/** One space's page (`/orgs/[orgGuid]/spaces/[spaceGuid]`). */
export class SpacePage {
  readonly dialog: ChangeDialog;

  constructor(readonly page: Page) {
    this.dialog = new ChangeDialog(page);
  }

  async goto(orgGuid: string, spaceGuid: string): Promise<this> {
    await this.page.goto(`/orgs/${orgGuid}/spaces/${spaceGuid}`);
    await expect(this.page.getByRole("heading", { level: 1 })).toBeVisible();
    await this.loaded();
    return this;
  }

  /** The heading comes first; the egress streams in after, in place of its loading note. */
  async loaded(): Promise<void> {
    await expect(this.page.getByText("Loading the space’s egress…")).toHaveCount(0);
  }

  /** A profile switch, named e.g. "Public egress" or "Public egress (staging)". */
  switch(name: string): Locator {
    return this.page.getByRole("switch", { name, exact: true });
  }

  async flip(name: string): Promise<ChangeDialog> {
    // The visible track is a styled span; the switch input itself is visually hidden (React Aria).
    await expect(this.switch(name)).toBeEnabled();
    await this.switch(name).click({ force: true });
    return this.dialog;
  }

  async openAdvanced(): Promise<void> {
    const details = this.page.locator("details").filter({ hasText: "Advanced: staging egress" });
    if ((await details.getAttribute("open")) === null)
      await this.page.getByText("Advanced: staging egress and other security groups").click();
  }

  /** Under "Advanced": bind a group by name, for a lifecycle; opens the dialog. */
  async bindGroup(group: string, lifecycle: "Running" | "Staging" = "Running"): Promise<ChangeDialog> {
    await this.openAdvanced();
    await this.page
      .getByRole("combobox", { name: "Security group", exact: true })
      .selectOption({ label: group });
    await this.page
      .getByRole("combobox", { name: "Lifecycle", exact: true })
      .selectOption({ label: lifecycle });
    await this.page.getByRole("button", { name: "Bind…" }).click();
    return this.dialog;
  }

  destination(label: string): Locator {
    return this.page
      .getByRole("table", { name: /Destinations of running apps/ })
      .getByRole("row", { name: new RegExp(`^${label}`) });
  }

  success(text: string | RegExp): Locator {
    return this.page.getByRole("status").filter({ hasText: text });
  }

  failure(text: string | RegExp): Locator {
    return this.page.getByRole("alert").filter({ hasText: text });
  }

  /** The isolation-segment control: the select of where the space's apps run. */
  segmentSelect(): Locator {
    return this.page.getByRole("combobox", { name: "Run this space's apps on" });
  }

  /** Chooses where to run the space and opens the move's dialog. */
  async moveTo(option: string | RegExp): Promise<ChangeDialog> {
    const options = await this.segmentSelect().locator("option").allTextContents();
    const label = options.find((o) => (typeof option === "string" ? o === option : option.test(o)));
    if (!label) throw new Error(`no segment option ${String(option)} among ${options.join(", ")}`);
    await this.segmentSelect().selectOption({ label });
    await this.page.getByRole("button", { name: "Move…" }).click();
    return this.dialog;
  }
}
