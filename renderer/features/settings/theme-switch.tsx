import type { ReactNode } from 'react';
import { MonitorIcon, MoonIcon, SunIcon } from '../../components/icons.js';
import { useSettings } from './settings-context.js';
import { themeChoices, type ThemeChoice } from './settings-store.js';

const labels: Record<ThemeChoice, { text: string; icon: ReactNode }> = {
  system: { text: 'Follow the system theme', icon: <MonitorIcon /> },
  light: { text: 'Light theme', icon: <SunIcon /> },
  dark: { text: 'Dark theme', icon: <MoonIcon /> },
};

/** Three radio buttons in the header: follow the system, light, dark. Arrow keys move between them. */
export function ThemeSwitch() {
  const theme = useSettings((s) => s.theme);
  const setTheme = useSettings((s) => s.setTheme);
  const pick = (index: number): void => {
    const next = themeChoices[(index + themeChoices.length) % themeChoices.length]!;
    setTheme(next);
    document.getElementById(`theme-choice-${next}`)?.focus();
  };
  return (
    <div className="theme-switch" role="radiogroup" aria-label="Theme">
      {themeChoices.map((choice, index) => (
        <button
          key={choice}
          id={`theme-choice-${choice}`}
          type="button"
          role="radio"
          className="theme-switch-choice"
          aria-checked={theme === choice}
          aria-label={labels[choice].text}
          title={labels[choice].text}
          tabIndex={theme === choice ? 0 : -1}
          onClick={() => setTheme(choice)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowRight' || e.key === 'ArrowDown') pick(index + 1);
            else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') pick(index - 1);
            else return;
            e.preventDefault();
          }}
        >
          {labels[choice].icon}
        </button>
      ))}
    </div>
  );
}
