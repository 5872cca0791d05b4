import { describe, expect, it } from 'vitest';
import { formatCommand } from '../../../shared/shell-command.js';
import { actionDetail, baseAction, eventsCommand, matchesFilter, noFilter, type EventFilter } from './event-filter.js';

const event = (type: string, action: string, id = 'abc') => ({ type, action, id, timeNano: 1 });
const filter = (f: Partial<EventFilter>): EventFilter => ({ ...noFilter, ...f });

describe('the events filter and its docker events twin', () => {
  it('is docker events with no filter when nothing is picked', () => {
    expect(eventsCommand(noFilter)).toEqual(['docker', 'events']);
    expect(matchesFilter(event('daemon', 'reload'), noFilter)).toBe(true);
  });

  it('picks any of the types and any of the actions, both at once, as --filter flags', () => {
    const f = filter({ types: new Set(['image', 'container']), actions: new Set(['start', 'die']) });
    expect(formatCommand(eventsCommand(f))).toBe(
      'docker events --filter type=container --filter type=image --filter event=die --filter event=start',
    );
    expect(matchesFilter(event('container', 'start'), f)).toBe(true);
    expect(matchesFilter(event('image', 'die'), f)).toBe(true);
    expect(matchesFilter(event('container', 'create'), f)).toBe(false);
    expect(matchesFilter(event('volume', 'start'), f)).toBe(false);
  });

  it('matches exec and health actions by their name, as --filter event=exec_start does', () => {
    expect(baseAction('exec_start: sh -c echo hi')).toBe('exec_start');
    expect(actionDetail('exec_start: sh -c echo hi')).toBe('sh -c echo hi');
    expect(actionDetail('start')).toBe('');
    const f = filter({ actions: new Set(['exec_start']) });
    expect(matchesFilter(event('container', 'exec_start: sh -c echo hi'), f)).toBe(true);
  });

  it('narrows to one object by type and ID, named in the twin by its type', () => {
    const f = filter({ object: { type: 'container', id: 'abc', label: 'web' } });
    expect(eventsCommand(f)).toEqual(['docker', 'events', '--filter', 'container=abc']);
    expect(matchesFilter(event('container', 'die', 'abc'), f)).toBe(true);
    expect(matchesFilter(event('container', 'die', 'other'), f)).toBe(false);
    expect(matchesFilter(event('image', 'tag', 'abc'), f)).toBe(false);
    expect(eventsCommand(filter({ object: { type: 'volume', id: 'data', label: 'data' } }))).toEqual([
      'docker',
      'events',
      '--filter',
      'volume=data',
    ]);
  });

  it('quotes hostile values in the twin so they stay one word', () => {
    const f = filter({ object: { type: 'volume', id: 'x $(touch y)', label: 'x' } });
    expect(formatCommand(eventsCommand(f))).toBe("docker events --filter 'volume=x $(touch y)'");
  });
});
