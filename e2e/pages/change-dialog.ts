import { expect, type Locator, type Page } from "@playwright/test";

/** The confirmation dialog of every change: its preview, its command, Confirm and Cancel. */
export class ChangeDialog {
  readonly root: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByRole("dialog");
  }

  async expectTitle(text: string): Promise<void> {
    await expect(this.root).toContainText(text);
  }

  /** Confirm: aria-disabled (yet in the tab order) until the preview has loaded. */
  confirmButton(): Locator {
    return this.root.getByRole("button", { name: "Confirm" });
  }

  /** Waits until the preview has loaded (Confirm enabled). */
  async expectPreviewReady(): Promise<void> {
    await expect(this.confirmButton()).toBeEnabled();
  }

  /**
   * The warning that the change would make the space violate the org's policy (or leave it violating):
   * the rule as the policy page words it, and the facts after the change. Confirm stays available.
   */
  async expectPolicyWarning(rule: string, reason: string): Promise<void> {
    const warning = this.root
      .locator("div")
      .filter({
        has: this.page.getByRole("heading", {
          name: /violate the org's egress policy|violates the org's egress policy/,
        }),
      })
      .last();
    await expect(warning).toContainText(rule);
    await expect(warning.getByRole("listitem")).toContainText([reason]);
    await expect(this.confirmButton()).toBeEnabled();
    await expect(this.confirmButton()).toHaveAccessibleDescription(new RegExp(reason));
  }

  async expectNoPolicyWarning(): Promise<void> {
    await this.expectPreviewReady();
    await expect(this.root.getByRole("heading", { name: /egress policy/ })).toHaveCount(0);
  }

  async expectOpens(label: string, before: string): Promise<void> {
    await expect(this.root.getByRole("heading", { name: "Opens" })).toBeVisible();
    await expect(this.root.getByRole("listitem").filter({ hasText: label })).toContainText(before);
  }

  async confirm(): Promise<void> {
    await this.root.getByRole("button", { name: "Confirm" }).click();
  }

  /** Confirms and waits for the server action's answer to come back (or fail). */
  async confirmAndWaitForAction(): Promise<void> {
    const answered = this.page
      .waitForResponse((r) => r.request().method() === "POST" && !!r.request().headers()["next-action"])
      .catch(() => undefined);
    await this.confirm();
    await answered;
  }

  async cancel(): Promise<void> {
    await this.root.getByRole("button", { name: "Cancel" }).click();
    await expect(this.root).toHaveCount(0);
  }
}
