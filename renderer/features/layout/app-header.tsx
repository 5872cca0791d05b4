import { BerthMark } from '../../components/icons.js';
import { ConnectionIndicator } from '../connection/connection-indicator.js';
import { EngineSwitcher } from '../engines/engine-switcher.js';
import { JobsTray } from '../jobs/jobs-tray.js';
import { ThemeSwitch } from '../settings/theme-switch.js';

export function AppHeader() {
  return (
    <header className="app-header">
      <div className="brand">
        <BerthMark />
        <span className="brand-name">Berth</span>
      </div>
      <EngineSwitcher />
      <div className="header-tools">
        <ConnectionIndicator />
        <JobsTray />
        <ThemeSwitch />
      </div>
    </header>
  );
}
