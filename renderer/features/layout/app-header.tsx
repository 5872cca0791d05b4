import { BerthMark } from '../../components/icons.js';
import { ConnectionIndicator } from '../connection/connection-indicator.js';

export function AppHeader() {
  return (
    <header className="app-header">
      <div className="brand">
        <BerthMark />
        <span className="brand-name">Berth</span>
      </div>
      <ConnectionIndicator />
    </header>
  );
}
