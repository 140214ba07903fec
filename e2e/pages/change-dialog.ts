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

  /** Waits until the preview has loaded (Confirm enabled). */
  async expectPreviewReady(): Promise<void> {
    await expect(this.root.getByRole("button", { name: "Confirm" })).toBeEnabled();
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
