import { useCallback, useEffect, useState } from 'react';
import { cliEquivalent } from '../../../shared/contract.js';
import { EngineCommand } from '../engines/engine-command.js';
import type { ProcessList } from '../../../shared/container-detail-types.js';
import { useStores } from '../../app/stores-context.js';

export function ProcessesTab({ id, name, running }: { id: string; name: string; running: boolean }) {
  const { run } = useStores();
  const [list, setList] = useState<ProcessList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    setError(null);
    run('containers.top', { id }, { shownAs: { id: name }, quiet: true, describe: (p) => `${p.processes.length} processes` }).then(
      setList,
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, [run, id, name]);
  useEffect(() => {
    if (running) load();
  }, [load, running]);

  return (
    <div className="cd-processes">
      <div className="cd-detail-toolbar">
        <span className="faint">{list ? `${list.processes.length} processes` : running ? 'Loading…' : ''}</span>
        <span className="cd-spacer" />
        <button type="button" className="btn btn--small" onClick={load} disabled={!running}>
          Refresh
        </button>
        <EngineCommand line={cliEquivalent('containers.top', { id: name })} />
      </div>
      {!running ? <p className="faint">The container is not running: it has no processes.</p> : null}
      {error ? (
        <div role="alert" className="banner banner--error">
          {error}
        </div>
      ) : null}
      {running && list ? (
        <div className="cd-table-scroll">
          <table className="cd-plain-table" aria-label={`Processes ${name}`}>
            <thead>
              <tr>
                {list.titles.map((t) => (
                  <th key={t}>{t}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {list.processes.map((p, i) => (
                <tr key={i}>
                  {p.map((cell, j) => (
                    <td key={j} className={list.titles[j] === 'CMD' || list.titles[j] === 'COMMAND' ? 'mono' : undefined}>
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
