import { formatCommand } from '../../../shared/shell-command.js';
import { useShownCommand } from '../../components/command-target.js';
import { CopyButton } from './copy-button.js';
import type { StepMark } from './learn-progress.js';
import type { StepCheckState } from './learn-store.js';
import type { LessonStep, StepCommand, StepContext } from './lessons/lesson-types.js';

export type StepPlace = 'done' | 'current' | 'later';

const markWords: Record<StepMark, string> = { passed: 'Done', skipped: 'Skipped on this host' };

/** One step: what to do, in Berth or in a terminal, and what the engine last said about it. */
export function LessonStepItem(props: {
  step: LessonStep;
  index: number;
  place: StepPlace;
  mark: StepMark | undefined;
  context: StepContext;
  check: StepCheckState | null;
  checking: boolean;
  onCheck(): void;
}) {
  const { step, index, place, mark, context, check } = props;
  const commands = step.commands?.(context) ?? [];
  const inside = step.inside?.(context) ?? [];
  const file = step.file?.(context);
  const status = mark ? markWords[mark] : place === 'current' ? 'To do now' : 'Later';
  return (
    <li className={`learn-step learn-step--${place}`} aria-current={place === 'current' ? 'step' : undefined} data-step={step.id}>
      <details open={place === 'current'}>
        <summary>
          <span className={`learn-step-mark learn-step-mark--${mark ?? place}`} aria-hidden="true">
            {mark === 'passed' ? '✓' : mark === 'skipped' ? '–' : index + 1}
          </span>
          <span className="learn-step-title">{step.title}</span>
          {step.optional ? <span className="learn-chip">optional</span> : null}
          <span className="learn-step-status">{status}</span>
        </summary>
        <div className="learn-step-body">
          <p>{step.body(context)}</p>
          {file ? (
            <div className="learn-block">
              <div className="learn-block-head">
                <span>{file.name}</span>
                <CopyButton text={file.text} label={`Copy the ${file.name}`} />
              </div>
              <pre className="learn-code">{file.text}</pre>
            </div>
          ) : null}
          {step.gui ? (
            <p className="learn-gui">
              <strong>In Berth:</strong> {step.gui(context)}
            </p>
          ) : null}
          {commands.length > 0 ? (
            <div className="learn-block">
              <div className="learn-block-head">
                <span>Or in a terminal beside Berth</span>
              </div>
              <ul className="learn-commands">
                {commands.map((c, i) => (
                  <CommandLine key={i} command={c} />
                ))}
              </ul>
            </div>
          ) : null}
          {inside.length > 0 ? (
            <div className="learn-block">
              <div className="learn-block-head">
                <span>In the container’s shell</span>
              </div>
              <pre className="learn-code">{inside.map((l) => `# ${l}`).join('\n')}</pre>
            </div>
          ) : null}
          {place === 'current' || check ? <CheckResult check={check} /> : null}
          {place === 'current' ? (
            <button type="button" className="btn btn--small btn--primary" disabled={props.checking} onClick={props.onCheck}>
              {props.checking ? 'Checking…' : 'Check'}
            </button>
          ) : null}
        </div>
      </details>
    </li>
  );
}

function CommandLine({ command }: { command: StepCommand }) {
  const line = useShownCommand(formatCommand(command.words));
  return (
    <li>
      <code className="learn-command">{line}</code>
      <CopyButton text={line} label={`Copy: ${line}`} />
      {command.note ? <span className="faint learn-note">{command.note}</span> : null}
    </li>
  );
}

function CheckResult({ check }: { check: StepCheckState | null }) {
  if (!check)
    return (
      <p className="learn-check faint">
        Not checked yet: do the step, then press Check (Berth also checks when the engine reports a change).
      </p>
    );
  if (check.error !== null) {
    return (
      <p className="learn-check learn-check--error" role="status">
        The check could not run: {check.error}
      </p>
    );
  }
  const outcome = check.outcome;
  if (!outcome) return null;
  return (
    <div className={`learn-check learn-check--${outcome.status}`} role="status">
      <ul aria-label="What the engine shows">
        {outcome.results.map((r, i) => (
          <li key={i} className={`learn-result learn-result--${r.status}`}>
            <span aria-hidden="true">{r.status === 'passed' ? '✓' : r.status === 'skipped' ? '–' : '✗'}</span> {r.detail}
          </li>
        ))}
      </ul>
    </div>
  );
}
