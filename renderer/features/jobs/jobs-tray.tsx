import { useEffect, useId, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { useStores } from '../../app/stores-context.js';
import { CloseIcon } from '../../components/icons.js';
import { viewTitles } from '../layout/ui-store.js';
import { openView, useJobsStore } from './jobs-feature.js';
import { jobHeadline, runningCount, type Job } from './jobs-store.js';
import { askForNotifications, notifyPermission, shouldOfferNotifications } from './notifications.js';
import './jobs.css';

const stateWords: Record<Job['state'], string> = { running: 'Running', done: 'Done', failed: 'Failed', cancelled: 'Cancelled' };

function JobRow({ job, onOpen }: { job: Job; onOpen(): void }) {
  const label = `${job.kind} ${job.subject}`;
  return (
    <li className={`job job--${job.state}`} aria-label={label}>
      <div className="job-line">
        <span className="job-title" title={`${job.kind} ${job.subject}`}>
          <span className="job-kind">{job.kind}</span> {job.subject}
        </span>
        <span className="job-state">{stateWords[job.state]}</span>
      </div>
      {job.state === 'running' ? (
        <div
          className="job-bar"
          role="progressbar"
          aria-label={`${label} progress`}
          aria-valuemin={0}
          aria-valuemax={100}
          {...(job.progress !== null ? { 'aria-valuenow': Math.round(job.progress * 100) } : {})}
        >
          <div
            className={job.progress === null ? 'job-bar-fill job-bar-fill--unknown' : 'job-bar-fill'}
            style={job.progress === null ? undefined : { width: `${job.progress * 100}%` }}
          />
        </div>
      ) : null}
      <div className="job-line">
        <span className="job-detail" title={job.detail ?? undefined}>
          {job.detail ?? ''}
        </span>
        <button type="button" className="jobs-link" onClick={onOpen}>
          Show in {viewTitles[job.view]}
        </button>
      </div>
    </li>
  );
}

function NotificationOffer() {
  const [offer, setOffer] = useState(shouldOfferNotifications);
  const [answer, setAnswer] = useState<string | null>(null);
  if (answer) return <p className="jobs-offer">{answer}</p>;
  if (!offer) return null;
  return (
    <div className="jobs-offer">
      <span>Get a system notification when a job finishes while you are elsewhere?</span>
      <button
        type="button"
        className="btn btn--small"
        onClick={() => {
          void askForNotifications().then((p) =>
            setAnswer(p === 'granted' ? 'Notifications are on.' : 'Notifications stay off: finished jobs show here and as a toast.'),
          );
        }}
      >
        Turn on
      </button>
      <button type="button" className="jobs-link" onClick={() => setOffer(false)}>
        Not now
      </button>
    </div>
  );
}

function JobToasts() {
  const store = useJobsStore();
  const { ui } = useStores();
  const toasts = useStore(store, (s) => s.toasts);
  if (toasts.length === 0) return null;
  return (
    <div className="job-toasts" role="status" aria-label="Finished jobs">
      {toasts.slice(-3).map(({ id, job }) => (
        <div key={id} className={`job-toast job-toast--${job.state}`}>
          <div className="job-toast-body">
            <strong>{jobHeadline(job)}</strong>
            {job.detail ? <span>{job.detail}</span> : null}
            <button
              type="button"
              className="jobs-link"
              onClick={() => {
                openView(ui, job.view);
                store.getState().dismissToast(id);
              }}
            >
              Show in {viewTitles[job.view]}
            </button>
          </div>
          <button type="button" className="icon-btn" aria-label="Dismiss" onClick={() => store.getState().dismissToast(id)}>
            <CloseIcon />
          </button>
        </div>
      ))}
    </div>
  );
}

/** The header's jobs button: how many run now, and a list of every job with its progress and outcome. */
export function JobsTray() {
  const store = useJobsStore();
  const { ui } = useStores();
  const jobs = useStore(store, (s) => s.jobs);
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const running = runningCount(jobs);

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent): void => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  // Starts with the visible text ("Jobs 1"), as label-content-name-mismatch asks.
  const buttonLabel = running > 0 ? `Jobs ${running} running` : 'Jobs';
  return (
    <div
      className="jobs-tray"
      ref={root}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          setOpen(false);
          root.current?.querySelector<HTMLButtonElement>('.jobs-button')?.focus();
        }
      }}
    >
      <button
        type="button"
        className={running > 0 ? 'jobs-button jobs-button--busy' : 'jobs-button'}
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={buttonLabel}
        title={buttonLabel}
        onClick={() => setOpen((o) => !o)}
      >
        Jobs{running > 0 ? ' ' : null}
        {running > 0 ? <span className="jobs-count">{running}</span> : null}
      </button>
      {open ? (
        <section id={panelId} className="jobs-panel" aria-label="Jobs">
          <header className="jobs-panel-head">
            <h2>Jobs</h2>
            {jobs.some((j) => j.state !== 'running') ? (
              <button type="button" className="jobs-link" onClick={() => store.getState().clearFinished()}>
                Clear finished
              </button>
            ) : null}
          </header>
          {jobs.length === 0 ? (
            <p className="jobs-empty">No pulls, pushes, builds or Compose runs yet. They show here while they run and after.</p>
          ) : (
            <ul className="jobs-list" aria-label="Pulls, pushes, builds and Compose runs">
              {jobs.map((job) => (
                <JobRow
                  key={job.key}
                  job={job}
                  onOpen={() => {
                    openView(ui, job.view);
                    setOpen(false);
                  }}
                />
              ))}
            </ul>
          )}
          {notifyPermission() === 'default' ? <NotificationOffer /> : null}
        </section>
      ) : null}
      <JobToasts />
    </div>
  );
}
