import { describe, expect, it, vi } from 'vitest';
import { FlowGate } from './flow-gate.js';

describe('FlowGate', () => {
  it('pauses above the high watermark and resumes only below the low one', () => {
    const pause = vi.fn();
    const resume = vi.fn();
    const gate = new FlowGate(pause, resume, 100, 10);
    gate.sent(60);
    expect(pause).not.toHaveBeenCalled();
    gate.sent(60);
    expect(pause).toHaveBeenCalledTimes(1);
    gate.sent(50); // already paused: no second pause
    expect(pause).toHaveBeenCalledTimes(1);
    gate.acked(100); // 70 pending: still above low
    expect(resume).not.toHaveBeenCalled();
    gate.acked(65); // 5 pending
    expect(resume).toHaveBeenCalledTimes(1);
    expect(gate.isPaused).toBe(false);
  });

  it('never counts below zero when a client over-acknowledges', () => {
    const gate = new FlowGate(
      () => undefined,
      () => undefined,
      100,
      10,
    );
    gate.sent(5);
    gate.acked(50);
    expect(gate.pending).toBe(0);
  });
});
