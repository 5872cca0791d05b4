import { useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { useStores } from '../../app/stores-context.js';
import { formatSize } from '../../lib/format-size.js';
import { buildFormView } from './build-form.js';
import { starterDockerfile } from './build-starter.js';
import { failedLine, lineMarks, type LineMark } from './image-build-store.js';
import { loginRegistryForBuild } from './login-prompt.js';
import { useImageTools } from './use-image-tools.js';

const lineHeight = 20;

function seconds(ms: number | null): string {
  if (ms === null) return '';
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function MarkBadge({ mark, stale }: { mark: LineMark | undefined; stale: boolean }) {
  if (!mark || !mark.first) return null;
  const cls = `lmark lmark--${mark.status}${stale ? ' lmark--stale' : ''}`;
  if (mark.status === 'running') return <span className={cls}>running…</span>;
  if (mark.status === 'failed') return <span className={cls}>failed</span>;
  if (mark.status === 'cached') return <span className={cls}>cached{mark.layerId ? ` · ${mark.layerId}` : ''}</span>;
  return (
    <span className={cls}>
      {mark.cacheable ? 'ran' : 'base'} {seconds(mark.durationMs)}
      {mark.layerId ? ` · ${mark.layerId}` : ''}
    </span>
  );
}

export function BuildPanel({ onClose }: { onClose(): void }) {
  const tools = useImageTools();
  const { build } = tools;
  const s = useStore(build, (x) => x);
  const images = useStore(useStores().images, (x) => x.items);
  const starter = useMemo(() => starterDockerfile(images), [images]);
  const [contextPath, setContextPath] = useState('');
  const [mode, setMode] = useState<'inline' | 'file'>('inline');
  // null: the starter, which follows the images list until the user types.
  const [typed, setTyped] = useState<string | null>(null);
  const text = typed ?? starter.text;
  const [dockerfile, setDockerfile] = useState('Dockerfile');
  const [tag, setTag] = useState('');
  const [argsText, setArgsText] = useState('');
  const [target, setTarget] = useState('');
  const [noCache, setNoCache] = useState(false);
  const [pull, setPull] = useState(false);
  const [scrollTop, setScrollTop] = useState(0);
  const logRef = useRef<HTMLPreElement>(null);

  const form = buildFormView({ mode, contextPath, dockerfileText: text, dockerfile, tag, argsText, target, noCache, pull });
  const marks = useMemo(() => lineMarks(s.steps, s.failure), [s.steps, s.failure]);
  const errorLine = failedLine(s);
  const buildLogin = s.phase === 'failed' && s.failure ? loginRegistryForBuild(s.failure.error, s.failure.instruction) : null;
  const lines = text.split('\n');
  const builtLines = s.builtText?.split('\n') ?? null;
  const running = s.phase === 'running';

  useEffect(() => {
    const el = logRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [s.log]);

  return (
    <section className="ipanel build" aria-label="Build an image">
      <div className="ipanel-head">
        <h2>Build an image</h2>
        <span className="faint">
          Same as <code className="build-command">{form.command}</code>
        </span>
      </div>
      <form
        className="build-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!form.input) return;
          // The starter stops following the images list once it is built: its marks refer to this text.
          setTyped(text);
          build.getState().start(form.input);
        }}
      >
        <label className="im-field im-field--wide">
          <span>Context folder (on the machine Berth runs on){mode === 'inline' ? ': optional, only for COPY and ADD' : ''}</span>
          <input
            className="input mono"
            value={contextPath}
            placeholder={mode === 'inline' ? 'none: an empty context' : '/home/me/project'}
            spellCheck={false}
            onChange={(e) => setContextPath(e.currentTarget.value)}
          />
        </label>
        <label className="im-field">
          <span>Tag</span>
          <input
            className="input mono"
            value={tag}
            placeholder="myapp:dev"
            spellCheck={false}
            onChange={(e) => setTag(e.currentTarget.value)}
          />
        </label>
        <label className="im-field">
          <span>Target stage</span>
          <input
            className="input mono"
            value={target}
            placeholder="(last stage)"
            spellCheck={false}
            onChange={(e) => setTarget(e.currentTarget.value)}
          />
        </label>
        <label className="im-field">
          <span>Build args (NAME=value per line)</span>
          <textarea
            className="input mono"
            rows={2}
            value={argsText}
            spellCheck={false}
            onChange={(e) => setArgsText(e.currentTarget.value)}
          />
        </label>
        <fieldset className="im-field build-mode">
          <legend>Dockerfile</legend>
          <label className="check">
            <input type="radio" name="df-mode" checked={mode === 'inline'} onChange={() => setMode('inline')} /> Write it here
          </label>
          <label className="check">
            <input type="radio" name="df-mode" checked={mode === 'file'} onChange={() => setMode('file')} /> A file in the context
          </label>
        </fieldset>
        <div className="build-flags">
          <label className="check">
            <input type="checkbox" checked={noCache} onChange={(e) => setNoCache(e.currentTarget.checked)} /> No cache
          </label>
          <label className="check">
            <input type="checkbox" checked={pull} onChange={(e) => setPull(e.currentTarget.checked)} /> Pull newer base images
          </label>
        </div>
        <div className="build-buttons">
          {running ? (
            <button
              key="cancel"
              type="button"
              className="btn"
              onClick={(e) => {
                // The button becomes Build (a submit button) as it re-renders: no form submission from this click.
                e.preventDefault();
                build.getState().cancel();
              }}
            >
              Cancel build
            </button>
          ) : (
            <button
              key="build"
              type="submit"
              className="btn btn--primary"
              disabled={form.blocked !== null}
              aria-describedby={form.blocked !== null ? 'build-blocked' : undefined}
            >
              Build
            </button>
          )}
          <button type="button" className="btn" onClick={onClose}>
            Close
          </button>
        </div>
        {form.blocked !== null && !running ? (
          <p id="build-blocked" className="build-blocked im-field--wide">
            {form.blocked}
          </p>
        ) : null}
      </form>

      {mode === 'file' ? (
        <label className="im-field">
          <span>Dockerfile path (relative to the context, or absolute)</span>
          <input className="input mono" value={dockerfile} spellCheck={false} onChange={(e) => setDockerfile(e.currentTarget.value)} />
        </label>
      ) : null}

      <p className="im-teach">
        <strong>The build cache:</strong> Docker reuses a step’s saved layer (“cached”) as long as that line and every line above it are
        unchanged — the first changed line and every line after it run again, so put what changes least near the top.
      </p>

      <div className="build-work">
        {mode === 'inline' ? (
          <div className="editor" style={{ '--lh': `${lineHeight}px` } as React.CSSProperties}>
            <div className="editor-gutter" aria-hidden="true">
              <div style={{ transform: `translateY(${-scrollTop}px)` }}>
                {lines.map((_, i) => (
                  <div key={i} className={`editor-num${errorLine === i + 1 ? ' editor-num--error' : ''}`}>
                    {i + 1}
                  </div>
                ))}
              </div>
            </div>
            <div className="editor-text">
              <div className="editor-highlight" style={{ transform: `translateY(${-scrollTop}px)` }} aria-hidden="true">
                {lines.map((_, i) => {
                  const mark = marks.get(i + 1);
                  return (
                    <div
                      key={i}
                      className={`editor-hl${errorLine === i + 1 ? ' editor-hl--error' : mark ? ` editor-hl--${mark.status}` : ''}`}
                    />
                  );
                })}
              </div>
              <textarea
                aria-label="Dockerfile"
                className="editor-area mono"
                value={text}
                wrap="off"
                spellCheck={false}
                onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
                onChange={(e) => setTyped(e.currentTarget.value)}
              />
            </div>
            <ol className="editor-marks" aria-label="Build result per line" style={{ transform: `translateY(${-scrollTop}px)` }}>
              {lines.map((line, i) => {
                const n = i + 1;
                const mark = marks.get(n);
                const edited = builtLines !== null && (builtLines[i] ?? null) !== line;
                return (
                  <li key={i} aria-label={`Line ${n}`} className={errorLine === n ? 'editor-mark--error' : ''}>
                    <MarkBadge mark={mark} stale={edited} />
                    {edited && mark ? <span className="faint"> edited</span> : null}
                  </li>
                );
              })}
            </ol>
          </div>
        ) : null}

        {mode === 'file' ? (
          <ol className="build-steps" aria-label="Build steps">
            {s.steps.length === 0 ? (
              <li className="muted">Steps appear here as the engine runs them, with the Dockerfile line each comes from.</li>
            ) : null}
            {s.steps.map((st) => {
              const mark = st.line !== null ? marks.get(st.line) : undefined;
              return (
                <li
                  key={st.step}
                  aria-label={`Step ${st.step}`}
                  className={st.line !== null && st.line === errorLine ? 'build-step--error' : ''}
                >
                  <span className="faint">
                    {st.step}/{st.total}
                  </span>
                  <span className="faint">{st.line !== null ? `line ${st.line}` : 'added'}</span>
                  <code>{st.instruction}</code>
                  <MarkBadge mark={mark} stale={false} />
                </li>
              );
            })}
          </ol>
        ) : null}
        <div className="build-side">
          <div className="build-status" role="status" aria-label="Build status">
            {s.phase === 'idle' ? <span className="muted">Not built yet.</span> : null}
            {s.phase === 'running' ? (
              <span>
                Building… {s.contextBytes !== null ? <span className="muted">context {formatSize(s.contextBytes)}</span> : null}
                {s.steps.length > 0 ? (
                  <span className="muted">
                    {' '}
                    · step {s.steps[s.steps.length - 1]?.step}/{s.steps[0]?.total}
                  </span>
                ) : null}
              </span>
            ) : null}
            {s.phase === 'done' && s.result ? (
              <span className="ok">
                Built <span className="mono">{s.result.imageId.replace(/^sha256:/, '').slice(0, 12)}</span> in{' '}
                {seconds(s.result.durationMs)} · {s.result.cachedSteps} of {s.result.steps} steps cached
                {s.result.cachedSteps > 0 && s.result.cachedSteps === s.steps.filter((x) => x.cacheable).length
                  ? ' (every step that can be: FROM never is)'
                  : ''}
                {s.result.tags.length > 0 ? ` · ${s.result.tags.join(', ')}` : ''}
              </span>
            ) : null}
            {s.phase === 'cancelled' ? <span className="muted">Build cancelled.</span> : null}
          </div>
          {mode === 'inline' && typed === null && !starter.local ? (
            <p className="faint">
              You have no busybox or alpine image: the first build pulls <code>{starter.base}</code> from Docker Hub.
            </p>
          ) : null}
          {/* Offered once the list holds the image: the images view closes a pane whose image it does not list. */}
          {s.phase === 'done' && s.result && images.some((r) => r.imageId === s.result?.imageId) ? (
            <button
              type="button"
              className="btn btn--small"
              onClick={() => {
                const result = s.result;
                if (!result) return;
                tools.detail.getState().select(result.imageId, result.tags[0] ?? result.imageId.replace(/^sha256:/, '').slice(0, 12));
                onClose();
              }}
            >
              Show the image {s.result.tags[0] ?? s.result.imageId.replace(/^sha256:/, '').slice(0, 12)}
            </button>
          ) : null}
          {s.phase === 'failed' && s.failure ? (
            <div className="build-error" role="alert">
              <strong>{errorLine !== null ? `Line ${errorLine} failed` : 'The build failed'}</strong>
              {s.failure.instruction ? <code>{s.failure.instruction}</code> : null}
              {s.failure.exitCode !== null ? <span> exit code {s.failure.exitCode}</span> : null}
              <div>{s.failure.error.message}</div>
              {buildLogin ? (
                <div className="tcard-error-actions">
                  <button
                    type="button"
                    className="btn btn--small btn--primary"
                    onClick={() => {
                      tools.accounts.getState().requestLogin(buildLogin);
                      tools.ui.getState().setPanel('registries');
                    }}
                  >
                    Log in to {buildLogin}
                  </button>
                </div>
              ) : null}
            </div>
          ) : null}
          <pre ref={logRef} className="build-log" role="log" aria-label="Build log" tabIndex={0}>
            {s.log.join('\n')}
          </pre>
        </div>
      </div>
    </section>
  );
}
