import { describe, expect, it } from 'vitest';
import { applyChromiumSwitches, disabledChromiumFeatures, type CommandLineLike } from './chromium-switches.js';

function commandLine(initial: Record<string, string> = {}): CommandLineLike & { switches: Record<string, string> } {
  const switches = { ...initial };
  return {
    switches,
    appendSwitch: (name, value = '') => void (switches[name] = value),
    getSwitchValue: (name) => switches[name] ?? '',
  };
}

describe('applyChromiumSwitches', () => {
  it('turns off the deferral of page tasks after input, which held a terminal echo for a frame', () => {
    const line = commandLine();
    applyChromiumSwitches(line);
    expect(line.switches['disable-features']?.split(',')).toContain('DeferRendererTasksAfterInput');
  });

  it('keeps features someone else disabled on the same switch', () => {
    const line = commandLine({ 'disable-features': 'Foo,Bar' });
    applyChromiumSwitches(line);
    expect(line.switches['disable-features']).toBe(['Foo', 'Bar', ...disabledChromiumFeatures].join(','));
  });
});
