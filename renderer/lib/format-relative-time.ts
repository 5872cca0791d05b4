/**
 * How long ago, in the words `docker ps` and `docker images` use (go-units HumanDuration):
 * "Less than a second ago", "About a minute ago", "3 hours ago", "2 weeks ago".
 */
export function formatRelativeTime(unixSeconds: number, nowMs: number): string {
  const seconds = Math.floor(nowMs / 1000 - unixSeconds);
  if (seconds < 0) return 'Just now';
  return `${humanDuration(seconds)} ago`;
}

export function humanDuration(totalSeconds: number): string {
  const seconds = Math.floor(totalSeconds);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(seconds / 60);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.floor(seconds / 3600 + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(seconds / 3600 / 24 / 365)} years`;
}

/** The absolute time, for a tooltip beside the relative one. */
export function formatTimestamp(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toLocaleString();
}
