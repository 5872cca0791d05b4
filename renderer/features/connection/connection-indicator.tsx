import { useStore } from 'zustand';
import { useStores } from '../../app/stores-context.js';
import { isLive } from './connection-store.js';
import { connectionBadge } from './connection-view-model.js';

/** The header's engine badge: a green, amber or red dot, what it means, and where the engine is. */
export function ConnectionIndicator() {
  const { connection } = useStores();
  const status = useStore(connection, (s) => s.status);
  const link = useStore(connection, (s) => s.link);
  const live = isLive({ link, status });
  const { tone, label } = connectionBadge({ link, status });

  return (
    <div className={`conn-pill conn-pill--${tone}`} role="status" aria-label={`Engine: ${label}${status ? ` at ${status.endpoint}` : ''}`}>
      <span className="conn-dot" aria-hidden="true" />
      <span className="conn-label">{label}</span>
      {status ? <span className="conn-endpoint mono">{status.endpoint}</span> : null}
      {live && status?.apiVersion ? <span className="conn-api faint">API {status.apiVersion}</span> : null}
    </div>
  );
}
