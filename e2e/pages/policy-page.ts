import { expect, type Locator, type Page } from "@playwright/test";

/** The org's egress policy (`/orgs/[orgGuid]/policy`): its rules, violations, editor and bring-into-policy. */
export class PolicyPage {
  readonly rules: Locator;
  readonly violations: Locator;
  readonly editor: Locator;
  readonly dialog: BringIntoPolicyDialog;

  constructor(readonly page: Page) {
    this.rules = page.getByRole("list", { name: "Rules, first match decides" });
    this.violations = page.getByRole("list", { name: "Spaces that violate the policy" });
    this.editor = page.getByLabel("Policy (JSON)");
    this.dialog = new BringIntoPolicyDialog(page);
  }

  async goto(orgGuid: string): Promise<this> {
    await this.page.goto(`/orgs/${orgGuid}/policy`);
    await expect(this.page.getByRole("heading", { level: 1, name: /^Egress policy of/ })).toBeVisible();
    return this;
  }

  /** Types a policy document into the editor and saves it. */
  async save(policy: unknown): Promise<void> {
    await this.editor.fill(typeof policy === "string" ? policy : JSON.stringify(policy, null, 2));
    await this.page.getByRole("button", { name: "Save policy" }).click();
  }

  /** "Add a rule without writing JSON": a pattern and a requirement in words, added to the editor's text. */
  async addRule(spaces: string, requirement: string): Promise<void> {
    const builder = this.page.getByRole("group", { name: "Add a rule without writing JSON" });
    await builder.getByLabel("Spaces (pattern)").fill(spaces);
    await builder.getByLabel("Requirement").selectOption({ label: requirement });
    await builder.getByRole("button", { name: "Add the rule" }).click();
    await expect(builder.getByRole("status")).toContainText(`${spaces} ${requirement}`);
  }

  saved(): Locator {
    return this.page.getByRole("status").filter({ hasText: "Policy saved" });
  }

  refused(): Locator {
    return this.page.getByRole("alert").filter({ hasText: "The policy was not saved" });
  }

  /** The rules as the page says them, in order. */
  async ruleTexts(): Promise<string[]> {
    return (await this.rules.getByRole("listitem").allInnerTexts()).map((t) => t.trim());
  }

  async openBringIntoPolicy(): Promise<BringIntoPolicyDialog> {
    await this.page.getByRole("button", { name: /^Bring into policy \(/ }).click();
    return this.dialog;
  }
}

/** The "Bring into policy" dialog: the plan per space, Confirm, progress and results. */
export class BringIntoPolicyDialog {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole("dialog");
  }

  /** Waits for the plan (Confirm enabled) and answers the spaces it will change, in order. */
  async plannedSpaces(): Promise<string[]> {
    const planned = this.root.getByRole("list", { name: "Planned changes per space" });
    await expect(planned).toBeVisible();
    return (await planned.getByRole("heading", { level: 3 }).allInnerTexts()).map((t) => t.trim());
  }

  planFor(space: string): Locator {
    return this.root
      .getByRole("list", { name: "Planned changes per space" })
      .getByRole("listitem")
      .filter({ has: this.page.getByRole("heading", { level: 3, name: space, exact: true }) });
  }

  unattainable(): Locator {
    return this.root.getByRole("list", { name: "Spaces that cannot be brought into policy" });
  }

  async confirm(): Promise<void> {
    await this.root.getByRole("button", { name: "Confirm" }).click();
  }

  results(): Locator {
    return this.root.getByRole("list", { name: "Result per space" });
  }

  async close(): Promise<void> {
    await this.root.getByRole("button", { name: "Close" }).click();
    await expect(this.root).toHaveCount(0);
  }
}
