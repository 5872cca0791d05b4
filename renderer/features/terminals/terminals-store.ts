import { createStore, type StoreApi } from 'zustand/vanilla';
import { terminalFlow, type TerminalEndCause } from '../../../shared/terminal-types.js';
import type { BerthClient } from '../../api/client.js';
import type { ActionRunner } from '../activity/action-runner.js';
import { AckCounter } from './ack-counter.js';
import { clearShown, isShown, raisedAttention, type TabAttention, type TerminalsLayout } from './tab-attention.js';
import type { TerminalSurface } from './terminal-surface.js';
import { errorText } from '../../lib/error-text.js';
import type { RunSpec } from '../../../shared/run-spec.js';

export type TerminalTabStatus = 'opening' | 'open' | 'exited' | 'failed';

/** A shell in a container (exec), the container's main process (attach), a shell on the host, or a debug shell (a toolbox container). */
export type TerminalKind = 'shell' | 'attach' | 'host' | 'debug';

/** The choices of the "Open shell" options; the row's plain button opens `{shell: 'auto'}`. */
export interface ShellOptions {
  shell: 'auto' | 'bash' | 'sh';
  user?: string;
  workdir?: string;
  /** `NAME=value` entries. */
  env?: string[];
  /** A debug shell's toolbox image. */
  image?: string;
}

/**
 * The engine a container's terminal opens on when it is not the page's current one (a row of the
 * all-engines list): every call of its session goes there, and its commands are recorded naming it.
 */
export interface TerminalEngine {
  readonly id: string;
  /** As the fleet names it; the tab carries it. */
  readonly name: string;
  /** A client bound to that engine (`forEngine`). */
  readonly client: BerthClient;
  /** Records each command with that engine named (`docker --context …`, `DOCKER_HOST=… docker …`). */
  readonly run: ActionRunner;
}

/** A container to open a terminal in; `engine` when it is not on the page's current engine. */
export interface TerminalContainerRef {
  id: string;
  name: string;
  engine?: TerminalEngine;
}

export interface HostShellCapability {
  allowed: boolean;
  reason: string;
}

export interface TerminalTab {
  key: string;
  kind: TerminalKind;
  /** Empty for a host shell. */
  containerId: string;
  /** `host` for a host shell. */
  containerName: string;
  /** The engine the session is on when it is not the page's current one (named in the tab), else null. */
  engineName: string | null;
  /** That engine's fleet id, with the name (null for the page's current engine). */
  engineId: string | null;
  /** What a container shell was opened with (kept for Reopen). */
  options: ShellOptions;
  /** The shell the engine started (bash or sh), once open. */
  shell: string | null;
  sessionId: string | null;
  status: TerminalTabStatus;
  exitCode: number | null;
  /** Why the session ended or could not open, in words for the user. */
  reason: string | null;
  /** Why the session ended, as the server classed it (null while open, or when it did not say). */
  endCause: TerminalEndCause | null;
  /** The server refused the last keystrokes (e.g. the process is not reading its input); cleared once input is taken again. */
  inputRefused: string | null;
  /** Set while the tab is not on screen and its process rang the bell or printed; cleared when shown. */
  attention: TabAttention | null;
}

export interface TerminalsState {
  tabs: readonly TerminalTab[];
  activeKey: string | null;
  /** The tab shown beside the active one in split view, or null (one terminal). */
  splitKey: string | null;
  /** The bottom panel is folded down to its tab bar. */
  collapsed: boolean;
  /** Whether this window may open a host shell, and why (null until asked). */
  hostShell: HostShellCapability | null;
  openShell(container: TerminalContainerRef, options?: ShellOptions): string;
  /** Attach to the container's main process (`docker attach`). */
  attach(container: TerminalContainerRef): string;
  /**
   * `docker run -it`: creates, attaches and starts the container, then opens its tab. Rejects with
   * the engine's refusal (no tab is added) so the run form can show it beside its field.
   */
  runInteractive(spec: RunSpec): Promise<{ key: string; containerId: string; containerName: string }>;
  /** A shell in a toolbox container from `image` that joins the container's processes and network. */
  openDebugShell(container: TerminalContainerRef, image: string): string;
  /** A shell on the machine Berth runs on; only when `hostShell.allowed`. */
  openHost(): string | null;
  /** Ask the server whether host shells are allowed (for the + menu). */
  loadCapabilities(): Promise<void>;
  activate(key: string): void;
  /** Show two terminals side by side (the active one and the most recent other), or one again. */
  toggleSplit(): void;
  close(key: string): void;
  /** Opens the session again: a new shell, or for an attach tab `docker start -a -i` below the transcript it keeps. */
  reopen(key: string): void;
  /** The view measured a new size (in cells) for this tab's terminal. */
  resize(key: string, cols: number, rows: number): void;
  setCollapsed(collapsed: boolean): void;
}

export type TerminalsStore<S extends TerminalSurface> = StoreApi<TerminalsState> & {
  /** The emulator of a tab, for the view to mount; not part of the state. */
  surfaceOf(key: string): S | undefined;
  /** Close every session (page unload). */
  closeAll(): void;
};

export interface TerminalsStoreDeps<S extends TerminalSurface> {
  client: BerthClient;
  run: ActionRunner;
  createSurface: () => S;
  ackEvery?: number;
}

interface Session<S> {
  surface: S;
  /** The tab's engine's client and action runner (the page's own unless the tab is on another engine). */
  client: BerthClient;
  run: ActionRunner;
  stopInput: () => void;
  stopBell: () => void;
  stopOutput: (() => void) | undefined;
  /** Bumped on every (re)open so late replies of an older attempt are ignored. */
  attempt: number;
  wanted: { cols: number; rows: number } | null;
  sent: { cols: number; rows: number } | null;
}

const ignore = (): void => undefined;

type Opened = { sessionId: string; shell: string };

/** The line an attach tab's transcript gets when Reopen starts its container again. */
export const startedAgainLine = '— started again —';

/**
 * Shell sessions in containers: one tab each. Owns the session lifecycle (open, output with
 * acknowledgement after render, input, resize, exit, reopen, close); the view only mounts the
 * surface and reports its size.
 */
export function createTerminalsStore<S extends TerminalSurface>({
  client,
  run,
  createSurface,
  ackEvery = terminalFlow.ackEvery,
}: TerminalsStoreDeps<S>): TerminalsStore<S> {
  const sessions = new Map<string, Session<S>>();
  let nextKey = 1;

  const store = createStore<TerminalsState>()((set, get) => {
    const tab = (key: string): TerminalTab | undefined => get().tabs.find((t) => t.key === key);
    const patch = (key: string, change: Partial<TerminalTab>): void =>
      set((s) => ({ tabs: s.tabs.map((t) => (t.key === key ? { ...t, ...change } : t)) }));

    /** A background tab rang or printed: mark it once, until it is shown. */
    const markAttention = (key: string, event: TabAttention): void => {
      const current = tab(key);
      if (!current || isShown(get(), key)) return;
      const next = raisedAttention(current.attention, event);
      if (next) patch(key, { attention: next });
    };

    /** A change of which tabs are shown, with the markers of the tabs it reveals cleared. */
    const reveal = (
      s: TerminalsState,
      change: Partial<TerminalsLayout>,
      tabs: readonly TerminalTab[] = s.tabs,
    ): Partial<TerminalsState> => {
      const layout: TerminalsLayout = { activeKey: s.activeKey, splitKey: s.splitKey, collapsed: s.collapsed, ...change };
      return { ...change, tabs: clearShown(tabs, layout) };
    };

    const ended = (key: string, attempt: number, exitCode: number | null, reason: string, endCause: TerminalEndCause | null): void => {
      const session = sessions.get(key);
      if (!session || session.attempt !== attempt || tab(key)?.status !== 'open') return;
      session.stopOutput?.();
      session.stopOutput = undefined;
      patch(key, { status: 'exited', exitCode, reason, endCause, inputRefused: null });
      session.surface.notice(reason);
    };

    const sendSize = (key: string): void => {
      const session = sessions.get(key);
      const current = tab(key);
      if (!session?.wanted || current?.status !== 'open' || !current.sessionId) return;
      const { cols, rows } = session.wanted;
      if (session.sent && session.sent.cols === cols && session.sent.rows === rows) return;
      session.sent = { cols, rows };
      void session.client.call('terminal.resize', { sessionId: current.sessionId, cols, rows }).catch(ignore);
    };

    const request = (current: TerminalTab, run: ActionRunner, size: { cols: number; rows: number }, again: boolean): Promise<Opened> => {
      if (current.kind === 'host') return run('terminal.openHost', size, { describe: (o) => `opened ${o.shell} on the host` });
      if (current.kind === 'debug') {
        const input = { containerId: current.containerId, image: current.options.image ?? '', ...size };
        return run('terminal.debugShell', input, {
          shownAs: { ...input, containerId: current.containerName },
          describe: () => 'debug shell open',
        });
      }
      if (current.kind === 'attach') {
        // Reopen is `docker start -a -i`: it starts the container again when its main process has ended.
        const input = { containerId: current.containerId, ...size, ...(again ? { start: true } : {}) };
        return run('terminal.attach', input, {
          shownAs: { ...input, containerId: current.containerName },
          describe: () => (again ? 'started and attached' : 'attached'),
        });
      }
      const { shell, user, workdir, env } = current.options;
      const input = {
        containerId: current.containerId,
        shell,
        ...(user ? { user } : {}),
        ...(workdir ? { workdir } : {}),
        ...(env && env.length > 0 ? { env } : {}),
        ...size,
      };
      return run('terminal.open', input, {
        shownAs: { ...input, containerId: current.containerName },
        // The history shows the shell that opened (sh when the image has no bash), not the one asked for.
        shownAfter: (o) => ({ ...input, containerId: current.containerName, shell: o.shell === 'bash' ? 'bash' : 'sh' }),
        describe: (o) => `opened ${o.shell}`,
      });
    };

    /** Opens the tab's session (or takes one opened already, `docker run -it`'s); `again` for Reopen. */
    const open = async (key: string, again: boolean, preopened?: Opened): Promise<void> => {
      const session = sessions.get(key);
      const current = tab(key);
      if (!session || !current) return;
      const attempt = ++session.attempt;
      const size = session.wanted ?? { cols: session.surface.cols, rows: session.surface.rows };
      let opened: Opened;
      try {
        opened = preopened ?? (await request(current, session.run, size, again));
      } catch (error) {
        if (sessions.get(key)?.attempt !== attempt) return;
        const what = current.kind === 'attach' ? 'attach' : current.kind === 'debug' ? 'open a debug shell' : 'open a shell';
        const reason = `Could not ${what}: ${errorText(error)}`;
        patch(key, { status: 'failed', reason });
        session.surface.notice(reason);
        return;
      }
      const { sessionId, shell } = opened;
      if (sessions.get(key)?.attempt !== attempt) {
        // The tab was closed (or reopened) while this one was opening: do not leave it running.
        void session.client.call('terminal.close', { sessionId }).catch(ignore);
        return;
      }
      session.sent = size;
      const ack = new AckCounter(ackEvery, (bytes) => {
        if (sessions.get(key)?.attempt === attempt) void session.client.call('terminal.ack', { sessionId, bytes }).catch(ignore);
      });
      patch(key, { status: 'open', sessionId, shell, exitCode: null, reason: null });
      session.stopOutput = session.client.subscribe(
        'terminal.output',
        { sessionId },
        {
          onMessage: (message) => {
            if (message.kind === 'data') {
              const bytes = message.data.byteLength;
              markAttention(key, 'output');
              session.surface.write(message.data, () => ack.rendered(bytes));
            } else {
              ended(key, attempt, message.exitCode, message.reason, message.cause ?? null);
            }
          },
          onEnd: (error) => ended(key, attempt, null, error ? `The session ended: ${error.message}` : 'The session ended', null),
        },
      );
      sendSize(key);
    };

    /** The size the newest terminal was given, so a new one starts at the panel's size rather than 80×24. */
    const lastSize = (): { cols: number; rows: number } | null => {
      for (const t of [...get().tabs].reverse()) {
        const wanted = sessions.get(t.key)?.wanted;
        if (wanted) return wanted;
      }
      return null;
    };

    const add = (
      kind: TerminalKind,
      containerId: string,
      containerName: string,
      options: ShellOptions,
      preopened?: { surface: S; opened: Opened },
      engine?: TerminalEngine,
    ): string => {
      const key = `term-${nextKey++}`;
      const surface = preopened?.surface ?? createSurface();
      const session: Session<S> = {
        surface,
        client: engine?.client ?? client,
        run: engine?.run ?? run,
        stopInput: ignore,
        stopBell: ignore,
        stopOutput: undefined,
        attempt: 0,
        wanted: null,
        sent: null,
      };
      session.stopInput = surface.onInput((data) => {
        const current = tab(key);
        if (current?.status === 'open' && current.sessionId) {
          const sessionId = current.sessionId;
          session.client.call('terminal.input', { sessionId, data }).then(
            () => {
              if (tab(key)?.inputRefused) patch(key, { inputRefused: null });
            },
            (error: unknown) => {
              // Say so rather than drop keystrokes silently (e.g. the process does not read its input).
              if (tab(key)?.sessionId === sessionId) patch(key, { inputRefused: `Input not sent: ${errorText(error)}` });
            },
          );
        }
      });
      session.stopBell = surface.onBell(() => markAttention(key, 'bell'));
      sessions.set(key, session);
      const newTab: TerminalTab = {
        key,
        kind,
        containerId,
        containerName,
        engineName: engine?.name ?? null,
        engineId: engine?.id ?? null,
        options,
        shell: null,
        sessionId: null,
        status: 'opening',
        exitCode: null,
        reason: null,
        endCause: null,
        inputRefused: null,
        attention: null,
      };
      set((s) => reveal(s, { activeKey: key, collapsed: false }, [...s.tabs, newTab]));
      void open(key, false, preopened?.opened);
      return key;
    };

    return {
      tabs: [],
      activeKey: null,
      splitKey: null,
      collapsed: false,
      hostShell: null,
      openShell(container, options = { shell: 'auto' }) {
        return add('shell', container.id, container.name, options, undefined, container.engine);
      },
      attach(container) {
        return add('attach', container.id, container.name, { shell: 'auto' }, undefined, container.engine);
      },
      async runInteractive(spec) {
        const surface = createSurface();
        const size = lastSize() ?? { cols: surface.cols, rows: surface.rows };
        let opened: Opened & { containerId: string; containerName: string };
        try {
          opened = await run(
            'terminal.run',
            { spec, ...size },
            // The run form shows a refusal beside its field; the strip still records the command.
            { quiet: true, describe: (o) => `started ${o.containerName}, attached` },
          );
        } catch (error) {
          surface.dispose();
          throw error;
        }
        const { containerId, containerName } = opened;
        const key = add('attach', containerId, containerName, { shell: 'auto' }, { surface, opened });
        return { key, containerId, containerName };
      },
      openDebugShell(container, image) {
        return add('debug', container.id, container.name, { shell: 'sh', image }, undefined, container.engine);
      },
      openHost() {
        if (!get().hostShell?.allowed) return null;
        return add('host', '', 'host', { shell: 'auto' });
      },
      async loadCapabilities() {
        try {
          const { hostShell } = await client.call('terminal.capabilities', {});
          set({ hostShell });
        } catch (error) {
          set({ hostShell: { allowed: false, reason: `Could not ask the server: ${errorText(error)}` } });
        }
      },
      activate(key) {
        if (!tab(key)) return;
        // Choosing the tab already shown on the right swaps the two sides.
        set((s) => reveal(s, { activeKey: key, splitKey: s.splitKey === key ? s.activeKey : s.splitKey, collapsed: false }));
      },
      toggleSplit() {
        const { splitKey, activeKey, tabs } = get();
        if (splitKey) {
          set({ splitKey: null });
          return;
        }
        const other = [...tabs].reverse().find((t) => t.key !== activeKey);
        if (other && activeKey) set((s) => reveal(s, { splitKey: other.key, collapsed: false }));
      },
      close(key) {
        const session = sessions.get(key);
        const current = tab(key);
        if (!session || !current) return;
        sessions.delete(key);
        session.attempt += 1;
        if (current.status === 'open' && current.sessionId) {
          void session.client.call('terminal.close', { sessionId: current.sessionId }).catch(ignore);
        }
        session.stopOutput?.();
        session.stopInput();
        session.stopBell();
        session.surface.dispose();
        set((s) => {
          const index = s.tabs.findIndex((t) => t.key === key);
          const tabs = s.tabs.filter((t) => t.key !== key);
          let activeKey = s.activeKey;
          let splitKey = s.splitKey === key ? null : s.splitKey;
          if (s.activeKey === key) {
            // The split's other side takes over, else the neighbour.
            activeKey = splitKey ?? tabs[Math.min(index, tabs.length - 1)]?.key ?? null;
            splitKey = null;
          }
          return reveal(s, { activeKey, splitKey }, tabs);
        });
      },
      reopen(key) {
        const session = sessions.get(key);
        const current = tab(key);
        if (!session || !current || current.status === 'open' || current.status === 'opening') return;
        // A removed container cannot be started or attached again: the tab offers only Close.
        if (current.endCause === 'container-removed') return;
        session.stopOutput?.();
        session.stopOutput = undefined;
        session.sent = null;
        // An attach tab keeps its transcript, as `docker start -a` prints below what came before.
        if (current.kind === 'attach') session.surface.notice(startedAgainLine);
        else session.surface.reset();
        patch(key, { status: 'opening', sessionId: null, exitCode: null, reason: null, endCause: null, inputRefused: null });
        void open(key, true);
      },
      resize(key, cols, rows) {
        const session = sessions.get(key);
        if (!session) return;
        session.wanted = { cols, rows };
        sendSize(key);
      },
      setCollapsed(collapsed) {
        set((s) => reveal(s, { collapsed }));
      },
    };
  });

  return Object.assign(store, {
    surfaceOf: (key: string) => sessions.get(key)?.surface,
    closeAll() {
      for (const t of store.getState().tabs) store.getState().close(t.key);
    },
  });
}

/**
 * The tab's title: container name and shell, like `web · bash`, `web · attach` or `host: bash`; a
 * tab on another engine than the page's current one names it: `web · bash on robot1`.
 */
export function tabTitle(t: TerminalTab): string {
  if (t.kind === 'host') return `host: ${t.shell ?? 'shell'}`;
  const onEngine = t.engineName === null ? '' : ` on ${t.engineName}`;
  if (t.kind === 'attach') return `${t.containerName} · attach${onEngine}`;
  return `${t.shell ? `${t.containerName} · ${t.shell}` : t.containerName}${onEngine}`;
}
