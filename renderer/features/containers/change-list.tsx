import type { FilesystemChange } from '../../../shared/container-detail-types.js';

const marks = { added: 'A', changed: 'C', deleted: 'D' } as const;

/** `docker diff` paths with their A/C/D marks: the first `limit`, then how many more. */
export function ChangeList({ changes, label, limit }: { changes: readonly FilesystemChange[]; label: string; limit: number }) {
  return (
    <>
      <ul className="cd-change-list" aria-label={label}>
        {changes.slice(0, limit).map((c) => (
          <li key={c.path} className={`cd-change cd-change--${c.kind}`}>
            <span className="cd-change-mark" aria-hidden="true">
              {marks[c.kind]}
            </span>
            <span className="mono">{c.path}</span>
          </li>
        ))}
      </ul>
      {changes.length > limit ? <p className="faint">…and {changes.length - limit} more.</p> : null}
    </>
  );
}
