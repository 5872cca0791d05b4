import { describe, expect, it } from 'vitest';
import { BerthClient } from '../../api/client.js';
import { FakeTransport } from '../../test-support/fake-transport.js';
import { runStream } from '../images/stream-activity.js';
import { outcomeView } from './activity-outcome.js';
import { createActivityStore, selectOpenErrors } from './activity-store.js';

describe('activity outcomes', () => {
  it('shows a cancelled stream neutrally: no check mark, not green, no error toast', () => {
    let t = 1000;
    const activity = createActivityStore(() => t);
    const transport = new FakeTransport();
    const ended: Array<string> = [];
    const stop = runStream(
      new BerthClient(transport),
      activity,
      'images.pull',
      { reference: 'a:1' },
      {
        onMessage: () => undefined,
        onEnd: (error) => ended.push(error ? error.code : 'no error'),
      },
    );
    t = 1400;
    stop();
    const [entry] = activity.getState().entries;
    expect(entry).toMatchObject({ command: 'docker pull a:1', outcome: 'cancelled', detail: 'cancelled', finishedAt: 1400 });
    expect(ended).toEqual(['no error']);
    expect(selectOpenErrors(activity.getState())).toEqual([]);
    const view = outcomeView(entry!);
    expect(view).toEqual({ tone: 'cancelled', text: 'cancelled · 400 ms' });
    expect(view.text).not.toContain('✓');
    // Stopping twice records nothing more.
    stop();
    expect(activity.getState().entries).toHaveLength(1);
  });

  it('keeps ✓ for success, ✗ with the failure in words (not its code), and "running…" while running', () => {
    const activity = createActivityStore(() => 0);
    const ok = activity.getState().begin('docker stop web');
    const bad = activity.getState().begin('docker push x');
    const running = activity.getState().begin('docker pull y');
    activity.getState().succeed(ok, 'done');
    activity.getState().fail(bad, 'read-only', 'REGISTRY_REFUSED');
    const [a, b, c] = activity.getState().entries;
    expect(outcomeView(a!)).toEqual({ tone: 'ok', text: '✓ done · 0 ms' });
    expect(outcomeView(b!)).toEqual({ tone: 'error', text: '✗ the registry refused it, whatever the credentials', title: 'read-only' });
    expect(outcomeView(c!)).toEqual({ tone: 'running', text: 'running…' });
    expect(running).toBe(3);
  });
});
