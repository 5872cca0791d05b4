import { useId, type ReactNode } from 'react';
import './form.css';

/** The id of the error text beside a field, for aria-describedby. */
export function errorId(formId: string, key: string): string {
  return `${formId}-err-${key.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
}

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="rf-error">
      {message}
    </p>
  );
}

export interface TextFieldProps {
  formId: string;
  field: string;
  label: string;
  value: string;
  error?: string;
  hint?: ReactNode;
  placeholder?: string;
  mono?: boolean;
  list?: string;
  autoFocus?: boolean;
  wide?: boolean;
  onChange(value: string): void;
}

/** A labelled text input with its hint and its error below it. */
export function TextField({
  formId,
  field,
  label,
  value,
  error,
  hint,
  placeholder,
  mono,
  list,
  autoFocus,
  wide,
  onChange,
}: TextFieldProps) {
  const id = useId();
  const errId = errorId(formId, field);
  const hintId = `${id}-hint`;
  const described = [error ? errId : '', hint ? hintId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`rf-field${wide ? ' rf-field--wide' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className={`rf-input${mono ? ' mono' : ''}`}
        value={value}
        placeholder={placeholder}
        spellCheck={false}
        autoComplete="off"
        list={list}
        autoFocus={autoFocus}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        onChange={(e) => onChange(e.currentTarget.value)}
      />
      {hint ? (
        <p id={hintId} className="rf-hint">
          {hint}
        </p>
      ) : null}
      <FieldError id={errId} message={error} />
    </div>
  );
}

export interface SelectFieldProps<T extends string> {
  label: string;
  value: T;
  options: ReadonlyArray<readonly [T, string]>;
  error?: string;
  errorId?: string;
  /** The engine cannot do this (its API is too old): the select is off and says why. */
  disabledReason?: string | undefined;
  onChange(value: T): void;
}

export function SelectField<T extends string>({
  label,
  value,
  options,
  error,
  errorId: errId,
  disabledReason,
  onChange,
}: SelectFieldProps<T>) {
  const id = useId();
  return (
    <div className="rf-field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        className="rf-input"
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errId : disabledReason ? `${id}-off` : undefined}
        disabled={disabledReason !== undefined}
        title={disabledReason}
        onChange={(e) => onChange(e.currentTarget.value as T)}
      >
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
      {disabledReason ? (
        <p className="rf-hint" id={`${id}-off`}>
          {disabledReason}
        </p>
      ) : null}
    </div>
  );
}

export function Toggle({
  label,
  checked,
  hint,
  onChange,
}: {
  label: string;
  checked: boolean;
  hint?: string;
  onChange(on: boolean): void;
}) {
  return (
    <label className="rf-toggle" title={hint}>
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} />
      <span>{label}</span>
      {hint ? <span className="rf-toggle-hint">{hint}</span> : null}
    </label>
  );
}

export interface SectionProps {
  formId: string;
  field: string;
  title: string;
  summary?: string;
  errors: string[];
  addLabel?: string;
  onAdd?(): void;
  /** Shown, with the add button beside it, instead of the rows when there are none. */
  empty?: string;
  children: ReactNode;
}

/** A fieldset for one list of the spec (ports, mounts, ...), with its errors under the legend. */
export function Section({ formId, field, title, summary, errors, addLabel, onAdd, empty, children }: SectionProps) {
  const errId = errorId(formId, field);
  return (
    <fieldset
      className="rf-section"
      aria-describedby={errors.length > 0 ? errId : undefined}
      aria-invalid={errors.length > 0 ? true : undefined}
    >
      <legend className="rf-legend">
        {title}
        {summary ? <span className="rf-legend-summary">{summary}</span> : null}
      </legend>
      {empty ? (
        <div className="rf-empty-row">
          <span className="rf-empty">{empty}</span>
          {onAdd ? (
            <button type="button" className="rf-add" onClick={onAdd}>
              + {addLabel}
            </button>
          ) : null}
        </div>
      ) : (
        children
      )}
      {errors.length > 0 ? (
        <p id={errId} className="rf-error">
          {errors.join(' · ')}
        </p>
      ) : null}
      {onAdd && !empty ? (
        <button type="button" className="rf-add" onClick={onAdd}>
          + {addLabel}
        </button>
      ) : null}
    </fieldset>
  );
}

export function RemoveRowButton({ label, onClick }: { label: string; onClick(): void }) {
  return (
    <button type="button" className="rf-remove" aria-label={label} title={label} onClick={onClick}>
      ×
    </button>
  );
}
