import type { Job } from './jobs-store.js';
import { jobHeadline } from './jobs-store.js';

export type NotifyPermission = NotificationPermission | 'unsupported';

/** Whether system notifications may be shown (the web API; Electron's renderer has the same one). */
export function notifyPermission(): NotifyPermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

const askedKey = 'berth.jobs.notificationsAsked';

/** The tray offers to turn notifications on once: until the user answered (either way) or waved the offer off. */
export function shouldOfferNotifications(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): boolean {
  return notifyPermission() === 'default' && storage?.getItem(askedKey) !== 'yes';
}

export function rememberOffered(storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  storage?.setItem(askedKey, 'yes');
}

/** Asks the browser (after the user pressed "Turn on"); remembers that it asked. */
export async function askForNotifications(): Promise<NotifyPermission> {
  rememberOffered();
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.requestPermission();
}

/** Shows a system notification for a finished job; false when not allowed (the caller falls back to a toast). */
export function notifyJobEnded(job: Job, onOpen: (job: Job) => void): boolean {
  if (notifyPermission() !== 'granted') return false;
  try {
    const note = new Notification(jobHeadline(job), { body: job.detail ?? '', tag: job.key });
    note.onclick = () => {
      window.focus();
      onOpen(job);
      note.close();
    };
    return true;
  } catch {
    // Some platforms only allow notifications from a service worker: the in-app toast still tells.
    return false;
  }
}

/** The user would not see a job end here: the page is hidden or unfocused, or another view is shown. */
export function userIsAway(currentView: string, job: Job): boolean {
  if (typeof document !== 'undefined' && (document.hidden || !document.hasFocus())) return true;
  return currentView !== job.view;
}
