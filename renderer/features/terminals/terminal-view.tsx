import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { useStores } from '../../app/stores-context.js';
import { CloseIcon, SearchIcon } from '../../components/icons.js';
import { endedMessage, tabCondition } from './terminal-conditions.js';
import { DroppedEngineNotice, useDroppedEngine } from '../engines/dropped-engine-notice.js';
import { closedSearch, describeResults, searchError, type SearchState } from './terminal-search.js';
import type { MountableSurface, SurfaceShortcut } from './terminal-surface.js';
import { tabTitle, type TerminalTab } from './terminals-store.js';

export interface TerminalViewProps {
  tab: TerminalTab;
  /** The tab's container was removed: nothing can reopen it, only Close. */
  gone: boolean;
  visible: boolean;
  /** The pane that takes the keyboard when shown (the active tab; not the right side of a split). */
  primary: boolean;
  /** Shown in a split: the pane carries its own title. */
  split: boolean;
  fontSize: number;
  onFontStep(step: -1 | 0 | 1): void;
  onLink(url: string): void;
}

/**
 * One tab's terminal: mounts the tab's surface, fits it while visible (WebGL only then), and
 * carries its tools: search in the scrollback, copy, paste, text size; says when the process
 * ended, the container stopped or the engine went away.
 */
export function TerminalView({ tab, gone, visible, primary, split, fontSize, onFontStep, onLink }: TerminalViewProps) {
  const { terminals, connection, containers } = useStores();
  const hostRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const [search, setSearch] = useState<SearchState>(closedSearch);
  const [bell, setBell] = useState(0);
  const [hint, setHint] = useState<string | null>(null);
  const engine = useStore(connection, (s) => s.status?.state);
  const containerState = useStore(containers, (s) => {
    if (tab.kind === 'host') return undefined;
    const found = s.items.find((c) => c.id === tab.containerId);
    return found ? found.state : s.live ? null : undefined;
  });
  const surface = terminals.surfaceOf(tab.key) as MountableSurface | undefined;

  // Keep the latest callbacks for the surface listeners without resubscribing.
  const handlers = useRef({ onFontStep, onLink });
  handlers.current = { onFontStep, onLink };

  useEffect(() => {
    const host = hostRef.current;
    if (host && surface) surface.attach(host);
  }, [surface]);

  useEffect(() => {
    const host = hostRef.current;
    if (!surface) return;
    surface.setVisible(visible);
    if (!visible || !host) return;
    let frame = 0;
    const measure = (): void => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const size = surface.fit();
        if (size) terminals.getState().resize(tab.key, size.cols, size.rows);
      });
    };
    const observer = new ResizeObserver(measure);
    observer.observe(host);
    measure();
    if (primary) surface.focus();
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [terminals, surface, tab.key, visible, primary, fontSize]);

  useEffect(() => {
    surface?.setFontSize(fontSize);
  }, [surface, fontSize]);

  const copy = (): void => {
    const text = surface?.selection() ?? '';
    if (!text) {
      setHint('Select text in the terminal first');
      return;
    }
    navigator.clipboard.writeText(text).then(
      () => setHint('Copied'),
      () => setHint('The browser refused the clipboard'),
    );
  };
  const paste = (): void => {
    navigator.clipboard.readText().then(
      (text) => {
        surface?.paste(text);
        surface?.focus();
      },
      () => setHint('The browser refused to read the clipboard: press Ctrl-Shift-V in the terminal'),
    );
  };
  const openSearch = (): void => {
    setSearch((s) => ({ ...s, open: true }));
    requestAnimationFrame(() => searchRef.current?.select());
  };

  const actions = useRef({ copy, openSearch });
  actions.current = { copy, openSearch };

  useEffect(() => {
    if (!surface) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onShortcut = (shortcut: SurfaceShortcut): void => {
      if (shortcut === 'copy') actions.current.copy();
      else if (shortcut === 'find') actions.current.openSearch();
      else if (shortcut === 'zoomIn') handlers.current.onFontStep(1);
      else if (shortcut === 'zoomOut') handlers.current.onFontStep(-1);
      else if (shortcut === 'zoomReset') handlers.current.onFontStep(0);
    };
    const stops = [
      surface.onShortcut(onShortcut),
      surface.onLink((url) => handlers.current.onLink(url)),
      surface.onBell(() => {
        setBell((n) => n + 1);
        clearTimeout(timer);
        timer = setTimeout(() => setBell(0), 300);
      }),
      surface.onSearchResults(({ resultIndex, resultCount }) => setSearch((s) => ({ ...s, resultIndex, resultCount }))),
    ];
    return () => {
      clearTimeout(timer);
      for (const stop of stops) stop();
    };
  }, [surface]);

  useEffect(() => {
    if (!hint) return;
    const timer = setTimeout(() => setHint(null), 2500);
    return () => clearTimeout(timer);
  }, [hint]);

  const runSearch = (next: SearchState, direction: 'next' | 'previous', incremental: boolean): void => {
    setSearch(next);
    if (!surface || searchError(next)) return;
    surface.search({ query: next.query, caseSensitive: next.caseSensitive, regex: next.regex, direction, incremental });
  };
  const closeSearch = (): void => {
    setSearch(closedSearch);
    surface?.clearSearch();
    surface?.focus();
  };

  const title = tabTitle(tab);
  const ended = tab.status === 'exited' || tab.status === 'failed';
  const condition = tabCondition(tab, engine, containerState);
  // The banner follows the tab's own engine (the page's current one unless the tab names another).
  const dropped = useDroppedEngine(tab);
  const regionName = `Terminal ${tab.containerName}${tab.engineName === null ? '' : ` on ${tab.engineName}`}`;

  return (
    <div
      role="tabpanel"
      id={`panel-${tab.key}`}
      aria-labelledby={`tab-${tab.key}`}
      className={`term-panel${bell ? ' term-panel--bell' : ''}`}
      hidden={!visible}
    >
      <div className="term-tools">
        {split ? (
          <span className="term-tools-title">{title}</span>
        ) : (
          <span className="term-tools-title term-tools-title--faint">{title}</span>
        )}
        {hint ? (
          <span className="term-hint" role="status">
            {hint}
          </span>
        ) : null}
        <button
          type="button"
          className="term-tool"
          aria-label={`Search ${title}`}
          title="Search the scrollback (Ctrl-Shift-F)"
          onClick={openSearch}
        >
          <SearchIcon width={13} height={13} />
        </button>
        <button type="button" className="term-tool" title="Copy the selection (Ctrl-Shift-C)" onClick={copy}>
          Copy
        </button>
        <button type="button" className="term-tool" title="Paste (Ctrl-Shift-V)" onClick={paste} disabled={tab.status !== 'open'}>
          Paste
        </button>
        {/* The names start with the visible text (A−, A+), so speech input can say what it sees. */}
        <button
          type="button"
          className="term-tool"
          aria-label="A− smaller text"
          title="Smaller text (Ctrl--)"
          onClick={() => onFontStep(-1)}
        >
          A−
        </button>
        <button type="button" className="term-tool" aria-label="A+ larger text" title="Larger text (Ctrl-=)" onClick={() => onFontStep(1)}>
          A+
        </button>
        <button
          type="button"
          className="term-tool"
          aria-label={`Close terminal ${title}`}
          title="Close this terminal (Delete on its tab)"
          onClick={() => terminals.getState().close(tab.key)}
        >
          Close
        </button>
      </div>
      {search.open ? (
        <div className="term-search" role="search" aria-label={`Search in ${title}`}>
          <input
            ref={searchRef}
            type="search"
            aria-label="Search terminal"
            placeholder="Search the scrollback"
            value={search.query}
            onChange={(e) => runSearch({ ...search, query: e.currentTarget.value }, 'next', true)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') runSearch(search, e.shiftKey ? 'previous' : 'next', false);
              if (e.key === 'Escape') closeSearch();
            }}
          />
          <label className="term-search-switch">
            <input
              type="checkbox"
              checked={search.caseSensitive}
              onChange={(e) => runSearch({ ...search, caseSensitive: e.currentTarget.checked }, 'next', true)}
            />
            Match case
          </label>
          <label className="term-search-switch">
            <input
              type="checkbox"
              checked={search.regex}
              onChange={(e) => runSearch({ ...search, regex: e.currentTarget.checked }, 'next', true)}
            />
            Regex
          </label>
          <span className="term-search-count" aria-live="polite">
            {describeResults(search)}
          </span>
          <button
            type="button"
            className="term-tool"
            onClick={() => runSearch(search, 'previous', false)}
            aria-label="Previous match"
            title="Previous match (Shift-Enter)"
          >
            ↑
          </button>
          <button
            type="button"
            className="term-tool"
            onClick={() => runSearch(search, 'next', false)}
            aria-label="Next match"
            title="Next match (Enter)"
          >
            ↓
          </button>
          <button type="button" className="term-tool" onClick={closeSearch} aria-label="Close search" title="Close search (Escape)">
            <CloseIcon width={12} height={12} />
          </button>
        </div>
      ) : null}
      {dropped ? (
        <DroppedEngineNotice dropped={dropped} onReopen={() => terminals.getState().reopen(tab.key)} />
      ) : ended && gone ? (
        <div className="term-ended" role="status">
          <span>The container was removed: nothing can start {tab.containerName} again. Its transcript stays until you close the tab.</span>
          <button type="button" className="btn btn--small" onClick={() => terminals.getState().close(tab.key)}>
            Close
          </button>
        </div>
      ) : ended ? (
        <div className="term-ended" role="status">
          <span>{endedMessage(tab)}</span>
          <button
            type="button"
            className="btn btn--small btn--primary"
            title={tab.kind === 'attach' ? `docker start -a -i ${tab.containerName}: start it again and attach` : 'Open a new session'}
            onClick={() => terminals.getState().reopen(tab.key)}
          >
            Reopen
          </button>
        </div>
      ) : condition ? (
        <div className="term-ended" role="status">
          <span>{condition}</span>
        </div>
      ) : null}
      {tab.status === 'open' && tab.inputRefused ? (
        <div className="term-ended term-input-refused" role="alert">
          <span>{tab.inputRefused}</span>
        </div>
      ) : null}
      {tab.status === 'opening' ? (
        <div className="term-opening" role="status">
          {tab.kind === 'attach'
            ? `Attaching to ${tab.containerName}…`
            : tab.kind === 'debug'
              ? `Starting a ${tab.options.image ?? 'toolbox'} debug container beside ${tab.containerName}…`
              : tab.kind === 'host'
                ? 'Opening a shell on this computer…'
                : `Opening a shell in ${tab.containerName}…`}
        </div>
      ) : null}
      {tab.kind === 'debug' && tab.status === 'open' ? (
        <div className="term-note">
          Debug shell: a {tab.options.image} toolbox container sharing {tab.containerName}&apos;s processes and network; its files are under
          /proc/1/root. Closing the tab removes the toolbox.
        </div>
      ) : null}
      {tab.kind === 'attach' && tab.status === 'open' ? (
        <div className="term-note">Attached to the main process: Ctrl-C goes to it; Ctrl-P Ctrl-Q detaches. Closing the tab detaches.</div>
      ) : null}
      <div ref={hostRef} className="term-host" role="region" aria-label={regionName} />
    </div>
  );
}
