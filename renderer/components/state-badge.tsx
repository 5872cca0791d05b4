import './state-badge.css';

export interface StateBadgeProps {
  /** The engine's state word (running, exited, ...): it picks the colour. */
  state: string;
  /** What the pill says. */
  label: string;
  /** Exited with a non-zero code: red instead of grey. */
  failed?: boolean | undefined;
  /** An action on it is under way: amber and blinking; `label` says which. */
  pending?: boolean | undefined;
}

/** A container's lifecycle state as a coloured pill, wherever a container is shown. */
export function StateBadge({ state, label, failed, pending }: StateBadgeProps) {
  return (
    <span className={`badge badge--${state}${failed ? ' badge--failed' : ''}${pending ? ' badge--pending' : ''}`}>
      <span className="badge-dot" aria-hidden="true" />
      {label}
    </span>
  );
}
