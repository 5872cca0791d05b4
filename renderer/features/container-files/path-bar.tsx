import { useEffect, useState } from 'react';
import { pathCrumbs } from '../../../shared/container-path.js';

/** Breadcrumbs of the current folder, and a path field to type any absolute path into. */
export function PathBar({ path, invalid, onOpen }: { path: string; invalid: boolean; onOpen(path: string): void }) {
  const [typed, setTyped] = useState(path);
  useEffect(() => setTyped(path), [path]);
  const crumbs = pathCrumbs(path);
  return (
    <div className="cf-pathbar">
      <nav aria-label="Folder path" className="cf-crumbs">
        {crumbs.map((c, i) => (
          <span key={c.path} className="cf-crumb">
            {i > 1 ? (
              <span className="cf-crumb-sep" aria-hidden="true">
                /
              </span>
            ) : null}
            <button
              type="button"
              className={`cf-crumb-btn${i === crumbs.length - 1 ? ' cf-crumb-btn--current' : ''}`}
              aria-current={i === crumbs.length - 1 ? 'location' : undefined}
              title={c.path}
              onClick={() => onOpen(c.path)}
            >
              {c.label}
            </button>
          </span>
        ))}
      </nav>
      <form
        className="cf-path-form"
        onSubmit={(e) => {
          e.preventDefault();
          onOpen(typed);
        }}
      >
        <input
          aria-label="Path"
          className="cf-path-input"
          aria-invalid={invalid}
          value={typed}
          spellCheck={false}
          onChange={(e) => setTyped(e.currentTarget.value)}
        />
        <button type="submit" className="btn btn--small">
          Go
        </button>
      </form>
    </div>
  );
}
