// The engine words a container's age in its status ("Up 5 minutes", "Exited (0) 2 hours ago") at
// the moment it is listed. The live model reads a container only when an event names it, so it
// ages that wording itself, with the engine's own rules, instead of asking the engine again.

const second = 1;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

/** A duration in the engine's words (`docker ps`): "Less than a second", "About a minute", "3 hours", "2 weeks", ... */
export function humanDuration(seconds: number): string {
  const s = Math.floor(seconds);
  if (s < 1) return 'Less than a second';
  if (s === 1) return '1 second';
  if (s < minute) return `${s} seconds`;
  const minutes = Math.floor(s / minute);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.floor(s / hour + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(s / hour / 24 / 365)} years`;
}

const unitSeconds: Record<string, number> = {
  second: second,
  seconds: second,
  minutes: minute,
  hours: hour,
  days: day,
  weeks: 7 * day,
  months: 30 * day,
  years: 365 * day,
};

/** The least age a wording can mean ("3 hours" is rounded from 2.5 h; the rest are whole units, rounded down). */
function leastSeconds(words: string): number {
  if (words === 'Less than a second') return 0;
  if (words === 'About a minute') return minute;
  if (words === 'About an hour') return hour;
  const [count, unit] = words.split(' ') as [string, string];
  const n = Number(count);
  return unit === 'hours' ? Math.max(hour, n * hour - hour / 2) : n * (unitSeconds[unit] ?? 0);
}

const agedStatus =
  /^(Up |(?:Exited|Restarting) \(-?\d+\) )(Less than a second|About a minute|About an hour|\d+ (?:seconds?|minutes|hours|days|weeks|months|years))(.*)$/;

/** A status with an age in it, split around the age; undefined for one without ("Created", "Dead"). */
export interface StatusAge {
  readonly before: string;
  readonly seconds: number;
  readonly after: string;
}

export function statusAge(status: string): StatusAge | undefined {
  const match = agedStatus.exec(status);
  if (!match) return undefined;
  return { before: match[1]!, seconds: leastSeconds(match[2]!), after: match[3]! };
}

/** `status` as the engine would word it `elapsedSeconds` after it said it. */
export function agedStatusText(age: StatusAge, elapsedSeconds: number): string {
  return `${age.before}${humanDuration(age.seconds + Math.max(0, elapsedSeconds))}${age.after}`;
}
