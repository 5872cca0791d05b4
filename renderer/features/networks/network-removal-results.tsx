import type { NetworkRemoval } from '../../../shared/network-types.js';
import { shortId } from '../../lib/short-id.js';
import { nameIsShared } from './network-display.js';

/** Per network of a bulk remove or a prune: removed, or why not in the engine's words. */
export function RemovalResults({ results, label }: { results: readonly NetworkRemoval[]; label: string }) {
  const removed = results.filter((r) => r.removed).length;
  return (
    <>
      <p role="status">
        Removed {removed} of {results.length} {results.length === 1 ? 'network' : 'networks'}.
      </p>
      <ul className="net-results" aria-label={label}>
        {results.map((r) => (
          <li key={r.id} className={r.removed ? 'net-result--ok' : 'net-result--failed'}>
            <span className="primary">
              {r.name}
              {nameIsShared(r, results) ? <span className="mono faint"> ({shortId(r.id)})</span> : null}
            </span>
            <span>{r.removed ? 'removed' : `not removed: ${r.reason ?? 'the engine refused'}`}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
