import { describe, expect, it } from 'vitest';
import { agedStatusText, humanDuration, statusAge } from './status-age.js';

describe('humanDuration (the engine wording)', () => {
  it.each([
    [0, 'Less than a second'],
    [1, '1 second'],
    [59, '59 seconds'],
    [60, 'About a minute'],
    [119, 'About a minute'],
    [120, '2 minutes'],
    [3599, '59 minutes'],
    [3600, 'About an hour'],
    [5399, 'About an hour'],
    [5400, '2 hours'],
    [47 * 3600, '47 hours'],
    [48 * 3600, '2 days'],
    [14 * 86400, '2 weeks'],
    [60 * 86400, '2 months'],
    [730 * 86400, '2 years'],
  ])('%d s is "%s"', (seconds, words) => {
    expect(humanDuration(seconds)).toBe(words);
  });
});

describe('statusAge and agedStatusText', () => {
  it('leaves statuses without an age alone', () => {
    for (const status of ['Created', 'Dead', 'Removal In Progress', '', 'Up']) expect(statusAge(status)).toBeUndefined();
  });

  it('ages running, paused, healthy, exited and restarting statuses, keeping what is around the age', () => {
    const age = (status: string, elapsed: number) => agedStatusText(statusAge(status)!, elapsed);
    expect(age('Up Less than a second', 5)).toBe('Up 5 seconds');
    expect(age('Up 5 seconds (healthy)', 60)).toBe('Up About a minute (healthy)');
    expect(age('Up 3 minutes (Paused)', 120)).toBe('Up 5 minutes (Paused)');
    expect(age('Exited (137) 2 minutes ago', 3600)).toBe('Exited (137) About an hour ago');
    expect(age('Restarting (1) 1 second ago', 1)).toBe('Restarting (1) 2 seconds ago');
    expect(age('Exited (0) 3 hours ago', 0)).toBe('Exited (0) 3 hours ago');
    expect(age('Up 2 weeks', 7 * 86400)).toBe('Up 3 weeks');
  });

  it('never makes a status younger than the engine said', () => {
    for (const words of ['About an hour', '2 hours', '5 days', '3 months', '4 years', '59 minutes']) {
      const status = `Up ${words}`;
      expect(agedStatusText(statusAge(status)!, 0)).toBe(status);
      expect(agedStatusText(statusAge(status)!, -50)).toBe(status);
    }
  });
});
