import { expect, type Locator, type Page } from '@playwright/test';
import { e2eServer } from '../fixtures/e2e-server.js';

/** The Berth UI as a user sees it: found by roles and accessible names only. */
export class BerthPage {
  constructor(readonly page: Page) {}

  async open(url: string = e2eServer.appUrl): Promise<void> {
    await this.page.goto(url);
  }

  async showContainers(): Promise<void> {
    await this.page.getByRole('link', { name: /containers/i }).or(this.page.getByRole('button', { name: /^containers/i })).first().click();
  }

  async showImages(): Promise<void> {
    await this.page.getByRole('link', { name: /images/i }).or(this.page.getByRole('button', { name: /^images/i })).first().click();
  }

  row(name: string): Locator {
    return this.page.getByRole('row', { name, exact: true });
  }

  button(row: Locator, name: 'Start' | 'Stop' | 'Restart' | 'Remove' | 'Open shell'): Locator {
    return row.getByRole('button', { name, exact: true });
  }

  async expectRowState(name: string, state: RegExp): Promise<void> {
    await expect(this.row(name)).toContainText(state);
  }
}
