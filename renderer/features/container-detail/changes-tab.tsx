import { useCallback, useEffect, useState } from 'react';
import { cliEquivalent } from '../../../shared/contract.js';
import { EngineCommand } from '../engines/engine-command.js';
import type { FilesystemChange } from '../../../shared/container-detail-types.js';
import { useStores } from '../../app/stores-context.js';
import { changeTree, type ChangeNode } from './change-tree.js';

const marks = { added: 'A', changed: 'C', deleted: 'D' } as const;

function Node({ node, depth }: { node: ChangeNode; depth: number }) {
  return (
    <>
      <li className={`cd-change cd-change--${node.kind ?? 'dir'}`} style={{ paddingLeft: depth * 14 }}>
        <span className="cd-change-mark" aria-hidden="true">
          {node.kind ? marks[node.kind] : ''}
        </span>
        <span className="mono" title={node.path}>
          {node.name}
        </span>
        {node.kind ? <span className="cd-visually-hidden"> {node.kind}</span> : null}
      </li>
      {node.children.map((c) => (
        <Node key={c.path} node={c} depth={depth + 1} />
      ))}
    </>
  );
}

export function ChangesTab({ id, name }: { id: string; name: string }) {
  const { run } = useStores();
  const [changes, setChanges] = useState<readonly FilesystemChange[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    setError(null);
    run('containers.changes', { id }, { shownAs: { id: name }, quiet: true, describe: (c) => `${c.length} changes` }).then(
      setChanges,
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, [run, id, name]);
  useEffect(load, [load]);

  const counts = { added: 0, changed: 0, deleted: 0 };
  for (const c of changes ?? []) counts[c.kind]++;

  return (
    <div className="cd-changes">
      <p className="cd-teach">
        A container runs on its image's read-only layers plus one thin <strong>writable layer</strong> of its own. Every file the container
        creates (<span className="cd-change-mark cd-change--added">A</span>), changes (
        <span className="cd-change-mark cd-change--changed">C</span>) or deletes (
        <span className="cd-change-mark cd-change--deleted">D</span>) lands there. <code>docker diff</code> lists it;{' '}
        <code>docker commit</code> turns it into a new image layer; <code>docker rm</code> throws it away.
      </p>
      <div className="cd-detail-toolbar">
        <span className="faint">
          {changes ? `${changes.length} paths · ${counts.added} added · ${counts.changed} changed · ${counts.deleted} deleted` : 'Loading…'}
        </span>
        <span className="cd-spacer" />
        <button type="button" className="btn btn--small" onClick={load}>
          Refresh
        </button>
        <EngineCommand line={cliEquivalent('containers.changes', { id: name })} />
      </div>
      {error ? (
        <div role="alert" className="banner banner--error">
          {error}
        </div>
      ) : null}
      {changes && changes.length === 0 ? <p className="faint">No changes: the writable layer is empty.</p> : null}
      {changes && changes.length > 0 ? (
        <ul className="cd-change-tree" aria-label="Changed paths">
          {changeTree(changes).map((n) => (
            <Node key={n.path} node={n} depth={0} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}
