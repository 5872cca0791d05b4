import { describe, expect, it } from 'vitest';
import { formatRelativeTime } from './format-relative-time.js';

const now = Date.UTC(2025, 5, 1, 12, 0, 0);
const ago = (seconds: number): string => formatRelativeTime(now / 1000 - seconds, now);

describe('formatRelativeTime', () => {
  it('uses the words docker uses', () => {
    expect(ago(0)).toBe('Less than a second ago');
    expect(ago(1)).toBe('1 second ago');
    expect(ago(42)).toBe('42 seconds ago');
    expect(ago(60)).toBe('About a minute ago');
    expect(ago(5 * 60)).toBe('5 minutes ago');
    expect(ago(3600)).toBe('About an hour ago');
    expect(ago(3 * 3600)).toBe('3 hours ago');
    expect(ago(47 * 3600)).toBe('47 hours ago');
    expect(ago(3 * 86400)).toBe('3 days ago');
    expect(ago(15 * 86400)).toBe('2 weeks ago');
    expect(ago(90 * 86400)).toBe('3 months ago');
    expect(ago(3 * 365 * 86400)).toBe('3 years ago');
  });

  it('does not claim the future', () => {
    expect(ago(-30)).toBe('Just now');
  });
});
