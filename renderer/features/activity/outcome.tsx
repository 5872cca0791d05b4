import { outcomeView } from './activity-outcome.js';
import type { ActivityEntry } from './activity-store.js';

/** How one command ended, coloured by tone; the engine's own message on hover. */
export function Outcome({ entry }: { entry: ActivityEntry }) {
  const view = outcomeView(entry);
  return (
    <span className={`act-outcome act-outcome--${view.tone}`} title={view.title}>
      {view.text}
    </span>
  );
}
