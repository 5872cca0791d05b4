import { AxeBuilder } from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { removeImagesQuietly } from '../electron/engine/images/testing/random-layer-image.js';
import { slowRegistryImage, startPull } from './fixtures/slow-registry.js';

// A pull through a slowed-down proxy to the local registry lasts long enough to walk away from it:
// its end is told by a system notification (recorded here) or, without permission, an in-app toast.

const shots = '/tmp/berth-shots';
// Two layers of random 4 kB files, 2.4 MB in all: about 5 s through the proxy.
const slowImage = slowRegistryImage('berth-e2e-jobs/pull', {
  bytesPerSecond: 512 * 1024,
  layers: [
    { files: 300, fileBytes: 4096 },
    { files: 300, fileBytes: 4096 },
  ],
});

interface RecordedNote {
  title: string;
  body: string;
}

/** Replaces the page's Notification with one that records what Berth shows (headless Chromium shows nothing). */
function recordNotifications(): void {
  const real = window.Notification;
  const notes: { title: string; body: string }[] = [];
  (window as unknown as { berthNotes: typeof notes }).berthNotes = notes;
  class RecordingNotification {
    static get permission(): NotificationPermission {
      return real.permission;
    }
    static requestPermission(): Promise<NotificationPermission> {
      return real.requestPermission();
    }
    onclick: (() => void) | null = null;
    constructor(title: string, options?: NotificationOptions) {
      notes.push({ title, body: options?.body ?? '' });
    }
    close(): void {}
  }
  (window as unknown as { Notification: unknown }).Notification = RecordingNotification;
}

test.describe('with notifications allowed', () => {
  test.use({ permissions: ['notifications'] });

  test('a pull that ends while another view is shown raises a notification, and the tray lists it as done', async ({ page }) => {
    await page.addInitScript(recordNotifications);
    const ref = slowImage.viaProxy();
    removeImagesQuietly([ref]);
    const berth = await startPull(page, ref);
    const jobsButton = page.getByRole('button', { name: /^Jobs/ });
    await expect(jobsButton).toHaveAccessibleName('Jobs 1 running');
    await berth.showContainers();

    await jobsButton.click();
    const tray = page.getByRole('region', { name: 'Jobs' });
    const job = tray.getByRole('listitem', { name: `pull ${ref}` });
    await expect(job).toContainText('Running');
    await expect(job.getByRole('progressbar')).toBeVisible();
    await page.screenshot({ path: `${shots}/jobs-tray-running.png` });
    const axe = await new AxeBuilder({ page })
      .include('.jobs-tray')
      .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
      .analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    // Closed again: the notification must come while the user looks at the containers, not at the tray.
    await page.keyboard.press('Escape');

    const notes = (): Promise<RecordedNote[]> => page.evaluate(() => (window as unknown as { berthNotes: RecordedNote[] }).berthNotes);
    await expect.poll(notes, { timeout: 30_000 }).toEqual([{ title: `Pull ${ref} finished`, body: expect.stringMatching(/^Pulled/) }]);
    await expect(jobsButton).toHaveAccessibleName('Jobs');

    await jobsButton.click();
    await expect(job).toContainText('Done');
    await expect(job).toContainText(/Pulled/);
    await tray.screenshot({ path: `${shots}/jobs-tray.png` });
    await page.getByRole('radio', { name: 'Dark theme' }).click();
    await jobsButton.click();
    await tray.screenshot({ path: `${shots}/jobs-tray-dark.png` });
    await job.getByRole('button', { name: 'Show in Images' }).click();
    await expect(page.getByRole('button', { name: 'Pull…' })).toBeVisible();
    await expect(tray).toHaveCount(0);
  });
});

test.describe('without notifications', () => {
  test('a pull that ends while another view is shown is told by an in-app toast, and the tray offers notifications', async ({ page }) => {
    const ref = slowImage.viaProxy();
    removeImagesQuietly([ref]);
    const berth = await startPull(page, ref);
    await berth.showContainers();
    const toast = page.getByRole('status', { name: 'Finished jobs' });
    await expect(toast).toContainText(`Pull ${ref} finished`, { timeout: 30_000 });
    await page.screenshot({ path: `${shots}/jobs-toast.png` });

    await page.getByRole('button', { name: /^Jobs/ }).click();
    const tray = page.getByRole('region', { name: 'Jobs' });
    await expect(tray.getByRole('listitem', { name: `pull ${ref}` })).toContainText('Done');
    await expect(tray.getByRole('button', { name: 'Turn on' })).toBeVisible();

    await toast.getByRole('button', { name: 'Dismiss' }).click();
    await expect(toast).toHaveCount(0);
  });
});
