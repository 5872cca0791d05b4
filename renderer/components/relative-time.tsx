import { useStore } from 'zustand';
import { useStores } from '../app/stores-context.js';
import { formatRelativeTime, formatTimestamp } from '../lib/format-relative-time.js';

/** "3 minutes ago", kept current by the shared clock; the exact time in the tooltip. */
export function RelativeTime({ unixSeconds }: { unixSeconds: number }) {
  const now = useStore(useStores().clock, (s) => s.now);
  return (
    <time dateTime={new Date(unixSeconds * 1000).toISOString()} title={formatTimestamp(unixSeconds)}>
      {formatRelativeTime(unixSeconds, Math.max(now, Date.now()))}
    </time>
  );
}
