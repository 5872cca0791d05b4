import { expect, type Locator, type Page } from '@playwright/test';
import { e2eServer } from '../fixtures/e2e-server.js';

/** The Berth UI as a user sees it: found by roles and accessible names only. */
export class BerthPage {
  constructor(readonly page: Page) {}

  /**
   * Opens Berth. Lists are virtualized, so on a busy engine a row may not be rendered until the
   * user narrows the list: `filter` types into the containers filter as a user would.
   */
  async open(filter = 'berth-e2e-', url: string = e2eServer.appUrl): Promise<void> {
    await this.page.goto(url);
    if (filter) await this.page.getByLabel('Filter containers').fill(filter);
  }

  async filterImages(text: string): Promise<void> {
    await this.page.getByLabel('Filter images').fill(text);
  }

  async showContainers(): Promise<void> {
    await this.page
      .getByRole('link', { name: /containers/i })
      .or(this.page.getByRole('button', { name: /^containers/i }))
      .first()
      .click();
  }

  async showImages(): Promise<void> {
    await this.page
      .getByRole('link', { name: /images/i })
      .or(this.page.getByRole('button', { name: /^images/i }))
      .first()
      .click();
  }

  row(name: string): Locator {
    return this.page.getByRole('row', { name, exact: true });
  }

  button(row: Locator, name: 'Start' | 'Stop' | 'Restart' | 'Remove' | 'Open shell' | 'Shell options' | 'Attach'): Locator {
    return row.getByRole('button', { name, exact: true });
  }

  async expectRowState(name: string, state: RegExp): Promise<void> {
    await expect(this.row(name)).toContainText(state);
  }
}
