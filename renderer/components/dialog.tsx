import './dialog.css';
import { useCallback, useId, type ReactNode, type RefObject } from 'react';
import { useModalDialog } from './use-modal-dialog.js';
import { EngineRefusal, SameAsCommand } from './same-as-command.js';

export interface ModalFormProps {
  /** Extra classes on the <dialog> beside `dialog` (its width, its feature's look). */
  className?: string | undefined;
  /** The id of the element naming the dialog (its title). */
  labelledBy: string;
  describedBy?: string | undefined;
  formClassName?: string | undefined;
  formLabel?: string | undefined;
  noValidate?: boolean | undefined;
  /** Escape, and whatever the caller wires to its own cancel button. */
  onCancel(): void;
  /** Enter or the submit button; the browser's own submit is always prevented. */
  onSubmit(): void;
  /** Also given the <dialog> element, for a caller that looks for something inside it. */
  elementRef?: RefObject<HTMLDialogElement | null> | undefined;
  children: ReactNode;
}

/** The modal shell every Berth dialog is drawn in: a <dialog> opened as a modal, holding one form. */
export function ModalForm({
  className,
  labelledBy,
  describedBy,
  formClassName,
  formLabel,
  noValidate,
  onCancel,
  onSubmit,
  elementRef,
  children,
}: ModalFormProps) {
  const ref = useModalDialog();
  // A stable callback, so React does not detach and reattach the element on every render.
  const attach = useCallback(
    (element: HTMLDialogElement | null) => {
      ref.current = element;
      if (elementRef) elementRef.current = element;
    },
    [ref, elementRef],
  );
  return (
    <dialog
      ref={attach}
      className={className ? `dialog ${className}` : 'dialog'}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <form
        method="dialog"
        className={formClassName}
        aria-label={formLabel}
        noValidate={noValidate}
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        {children}
      </form>
    </dialog>
  );
}

/**
 * A modal with no form, for a surface that handles its own keys (the command palette): a <dialog>
 * opened as a modal, named by `label`, Escape calling `onClose`.
 */
export function ModalPanel({
  className,
  label,
  onClose,
  children,
}: {
  className?: string | undefined;
  label: string;
  onClose(): void;
  children: ReactNode;
}) {
  const ref = useModalDialog();
  return (
    <dialog
      ref={ref}
      className={className ? `dialog ${className}` : 'dialog'}
      aria-label={label}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      {children}
    </dialog>
  );
}

export interface DialogProps {
  title: ReactNode;
  /** The body, between the title and the buttons. */
  children: ReactNode;
  onCancel(): void;
  onSubmit(): void;
  /** The submit button's text; null when the dialog is done and only its cancel (Close) button is left. */
  submitLabel: ReactNode | null;
  /** The submit button's text while the action runs. */
  busyLabel?: ReactNode;
  /** An action runs: the submit button is disabled and says `busyLabel`. */
  busy?: boolean | undefined;
  submitDisabled?: boolean | undefined;
  submitTitle?: string | undefined;
  /** The action destroys something: a red submit button, and focus starts on Cancel. */
  danger?: boolean | undefined;
  /** Focus starts on Cancel; by default only in a danger dialog. */
  focusCancel?: boolean | undefined;
  cancelLabel?: ReactNode;
  /** Drawn instead of the submit button (a dialog whose action changes after a refusal). */
  actions?: ReactNode;
  /** The engine's own words when it refused, at the end of the body. */
  refusal?: ReactNode;
  /** The `docker` command the action equals, last in the body. */
  command?: ReactNode;
  /** The whole command when `command` is shortened, as a tooltip. */
  commandFull?: string | undefined;
  commandLabel?: string | undefined;
  /** The body describes the dialog (aria-describedby), as for a question that must be read. */
  describedByBody?: boolean | undefined;
  className?: string | undefined;
  /** Extra classes on the body beside `dialog-body` (a form's own layout). */
  bodyClassName?: string | undefined;
  formLabel?: string | undefined;
  noValidate?: boolean | undefined;
}

/** A dialog with a title, a body and Cancel / submit buttons: the skeleton of every Berth dialog but the run form. */
export function Dialog(props: DialogProps) {
  const {
    title,
    children,
    onCancel,
    onSubmit,
    submitLabel,
    busyLabel,
    busy,
    submitDisabled,
    submitTitle,
    danger,
    cancelLabel = 'Cancel',
    actions,
  } = props;
  const titleId = useId();
  const bodyId = useId();
  const focusCancel = props.focusCancel ?? danger === true;
  return (
    <ModalForm
      className={props.className}
      labelledBy={titleId}
      describedBy={props.describedByBody ? bodyId : undefined}
      formLabel={props.formLabel}
      noValidate={props.noValidate}
      onCancel={onCancel}
      onSubmit={onSubmit}
    >
      <h2 id={titleId} className="dialog-title">
        {title}
      </h2>
      <div
        id={props.describedByBody ? bodyId : undefined}
        className={props.bodyClassName ? `dialog-body ${props.bodyClassName}` : 'dialog-body'}
      >
        {children}
        {props.refusal ? <EngineRefusal message={props.refusal} /> : null}
        {props.command !== undefined ? <SameAsCommand command={props.command} full={props.commandFull} label={props.commandLabel} /> : null}
      </div>
      <div className="dialog-actions">
        <button type="button" className="btn" autoFocus={focusCancel || undefined} onClick={onCancel}>
          {cancelLabel}
        </button>
        {actions ??
          (submitLabel === null ? null : (
            <button
              type="submit"
              className={danger ? 'btn btn--danger' : 'btn btn--primary'}
              disabled={Boolean(busy) || Boolean(submitDisabled)}
              title={submitTitle}
            >
              {busy && busyLabel !== undefined ? busyLabel : submitLabel}
            </button>
          ))}
      </div>
    </ModalForm>
  );
}
