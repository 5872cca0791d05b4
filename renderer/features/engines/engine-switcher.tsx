import './engines.css';
import { useId } from 'react';
import { useStore } from 'zustand';
import type { FleetState } from '../../../shared/engines-contract.js';
import type { EnginesStore } from './engines-store.js';
import { useOptionalEngines } from './engines-context.js';

const stateWord: Record<FleetState, string> = {
  connected: '',
  connecting: ' (connecting)',
  reconnecting: ' (reconnecting)',
  'not-answering': ' (not answering)',
  refused: ' (refused)',
};

function Switcher({ engines }: { engines: EnginesStore }) {
  const id = useId();
  const fleet = useStore(engines, (s) => s.fleet);
  const currentId = useStore(engines, (s) => s.currentId);
  const setCurrent = useStore(engines, (s) => s.setCurrent);
  // One engine only: nothing to switch between.
  if (!fleet || fleet.engines.length < 2) return null;
  return (
    <div className="engine-switcher">
      <label htmlFor={id}>Engine</label>
      <select id={id} value={currentId} onChange={(e) => setCurrent(e.currentTarget.value)}>
        {fleet.engines.map((e) => (
          <option key={e.spec.id} value={e.spec.id}>
            {e.spec.name}
            {stateWord[e.state]}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The current engine, in the header: every view below shows this engine. */
export function EngineSwitcher() {
  const engines = useOptionalEngines();
  return engines ? <Switcher engines={engines} /> : null;
}
