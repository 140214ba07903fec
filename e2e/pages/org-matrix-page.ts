import { expect, type Locator, type Page } from "@playwright/test";
import { ChangeDialog } from "./change-dialog";

/** The org's egress matrix (`/orgs/[orgGuid]`). */
export class OrgMatrixPage {
  readonly dialog: ChangeDialog;
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.dialog = new ChangeDialog(page);
    this.table = page.getByRole("table", { name: /Egress of the spaces/ });
  }

  async goto(orgGuid: string): Promise<this> {
    await this.page.goto(`/orgs/${orgGuid}`);
    await expect(this.table).toBeVisible();
    return this;
  }

  /** A profile's switch of one space, e.g. ("Public egress", "dev"). */
  switch(profile: string, space: string): Locator {
    return this.page.getByRole("switch", { name: `${profile} for ${space}` });
  }

  /** Flips a switch, which opens the confirmation dialog. */
  async flip(profile: string, space: string): Promise<ChangeDialog> {
    // As a person would: a switch still saving the last change cannot be flipped.
    await expect(this.switch(profile, space)).toBeEnabled();
    await this.switch(profile, space).click({ force: true });
    return this.dialog;
  }

  /** A space's row, found by the link in its row header (the row's own name may begin with a checkbox's). */
  row(space: string): Locator {
    return this.table
      .getByRole("row")
      .filter({ has: this.page.getByRole("link", { name: space, exact: true }) });
  }

  /** The announcement of the last change: a status on success, an alert on failure. */
  success(text: string | RegExp): Locator {
    return this.page.getByRole("status").filter({ hasText: text });
  }

  failure(text: string | RegExp): Locator {
    return this.page.getByRole("alert").filter({ hasText: text });
  }

  /** Opens "Apply to all spaces" or "Change selected spaces (n)" and fills the choice. */
  async bulk(which: "all" | "selected", profile: string, turn: "on" | "off"): Promise<Locator> {
    const button =
      which === "all"
        ? this.page.getByRole("button", { name: "Apply to all spaces" })
        : this.page.getByRole("button", { name: /^Change selected spaces/ });
    await button.click();
    const dialog = this.page.getByRole("dialog");
    await dialog.getByLabel("Profile").selectOption({ label: profile });
    await dialog.getByLabel("Turn it").selectOption(turn);
    return dialog;
  }

  /**
   * A space's cell in the column of that header (cells carry no labels, so rows stay light): the row's
   * child at the header's position, whatever columns the org has.
   */
  cell(space: string, header: string): Locator {
    const position = `count(ancestor::table[1]/thead/tr/th[normalize-space(.)="${header}"]/preceding-sibling::th) + 1`;
    return this.row(space).locator(`xpath=./*[position() = ${position}]`);
  }

  /** The Policy cell of a space. */
  policyCell(space: string): Locator {
    return this.cell(space, "Policy");
  }

  /** Opens a violating space's Policy disclosure (its reasons, "Bring into policy"). */
  async openViolation(space: string): Promise<Locator> {
    const cell = this.policyCell(space);
    const details = cell.locator("details");
    if ((await details.getAttribute("open")) === null) await cell.locator("summary").click();
    await expect(details).toHaveAttribute("open", "");
    return cell;
  }

  async violationsOnly(on = true): Promise<void> {
    await this.page.getByRole("checkbox", { name: "Violations only" }).setChecked(on);
  }

  /** The space names the table shows, in order. */
  async spaces(): Promise<string[]> {
    return (await this.table.locator("tbody th[scope=row]").allInnerTexts()).map((t) => t.trim());
  }

  async select(space: string): Promise<void> {
    await this.page.getByRole("checkbox", { name: `Select ${space}` }).check();
  }
}
