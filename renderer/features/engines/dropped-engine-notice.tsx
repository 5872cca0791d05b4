import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { useStores } from '../../app/stores-context.js';
import { droppedEngineOf, engineUnderTab, type DroppedEngine, type TabOnEngine } from './dropped-engine.js';
import { useOptionalEngines } from './engines-context.js';
import { useNow } from './use-now.js';

/** Whether the engine under `tab` dropped (the engine it names, else the page's current one), or null. */
export function useDroppedEngine(tab: TabOnEngine): DroppedEngine | null {
  const { connection } = useStores();
  const engines = useOptionalEngines();
  const status = useStore(connection, (s) => s.status?.state);
  const fleetEngine = useStore(engines ?? noEngines, (s) => (s === null ? undefined : engineUnderTab(tab, s.fleet?.engines, s.currentId)));
  const now = useNow(fleetEngine?.nextTryAt !== undefined);
  return droppedEngineOf(tab, fleetEngine, status, now);
}

// A stand-in when there is no engines store (a view rendered alone): no fleet, so the status stream decides.
const noEngines = createStore<null>()(() => null);

/**
 * The banner of a terminal whose engine dropped: says so, and Reconnect reopens the shell, at once if
 * the engine answers again, otherwise after asking the engine to reconnect now and when it answers.
 */
export function DroppedEngineNotice({ dropped, onReopen }: { dropped: DroppedEngine; onReopen(): void }) {
  const { connection } = useStores();
  const engines = useOptionalEngines();
  const [waiting, setWaiting] = useState(false);

  useEffect(() => {
    if (!waiting || !dropped.answering) return;
    setWaiting(false);
    onReopen();
  }, [waiting, dropped.answering, onReopen]);

  const reconnect = (): void => {
    if (dropped.answering) {
      onReopen();
      return;
    }
    setWaiting(true);
    if (engines) void engines.getState().reconnect(dropped.engineId ?? engines.getState().currentId);
    else void connection.getState().retry();
  };

  return (
    <div className="term-ended term-engine-dropped" role="status">
      <span>
        {dropped.answering
          ? `${dropped.engineName} answers again; this terminal's session was lost when it dropped.`
          : `${dropped.engineName} dropped (${dropped.stateText}): this terminal cannot reach its container.`}
        {waiting ? ' The shell reopens when it answers.' : ''}
      </span>
      {waiting ? (
        <button type="button" className="btn btn--small" onClick={() => setWaiting(false)}>
          Cancel
        </button>
      ) : (
        <button type="button" className="btn btn--small btn--primary" onClick={reconnect}>
          Reconnect
        </button>
      )}
    </div>
  );
}
