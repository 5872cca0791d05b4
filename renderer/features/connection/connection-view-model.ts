import { isLive, type ConnectionState } from './connection-store.js';

export type ScreenKind = 'link-connecting' | 'link-lost' | 'unauthorized' | 'engine-connecting' | 'engine-not-answering' | 'engine-down';

/** What the full-window connection screen says; null when the app can show its lists. */
export interface ConnectionScreenModel {
  kind: ScreenKind;
  title: string;
  /** What is wrong, in the words of the engine, the OS or the transport. */
  problem?: string;
  /** What the user can do about it. */
  hint?: string;
  endpoint?: string;
  /** Retry is offered (link lost, engine down, not answering or still connecting). */
  canRetry: boolean;
  /** Reload the page (a token problem: only a fresh link helps). */
  canReload: boolean;
}

export function connectionScreen(state: Pick<ConnectionState, 'link' | 'linkError' | 'status'>): ConnectionScreenModel | null {
  const { link, linkError, status } = state;
  if (link === 'unauthorized') {
    return {
      kind: 'unauthorized',
      title: 'This page needs its access link',
      problem: linkError ?? 'The Berth server did not accept this page’s token.',
      hint: 'Open the exact link that `npm run web` printed in its terminal — it ends with ?token=… — or paste its token below, which keeps the token out of the browser’s history. Berth refuses pages without it so other websites cannot drive your Docker engine.',
      canRetry: false,
      canReload: true,
    };
  }
  if (link === 'lost') {
    return {
      kind: 'link-lost',
      title: 'Cannot reach the Berth server',
      problem: linkError ?? 'The connection to the Berth server closed.',
      hint: 'Check that `npm run web` (or the Berth app) is still running. Berth reconnects by itself as soon as the server answers.',
      canRetry: true,
      canReload: false,
    };
  }
  if (!status) {
    return { kind: 'link-connecting', title: 'Connecting to Berth…', canRetry: false, canReload: false };
  }
  if (link !== 'open') {
    return { kind: 'link-connecting', title: 'Reconnecting to Berth…', endpoint: status.endpoint, canRetry: false, canReload: false };
  }
  if (status.state === 'connected') return null;
  if (status.state === 'connecting') {
    return {
      kind: 'engine-connecting',
      title: 'Connecting to the Docker Engine…',
      problem: status.error,
      hint: status.hint,
      endpoint: status.endpoint,
      canRetry: true,
      canReload: false,
    };
  }
  if (status.state === 'not-answering') {
    return {
      kind: 'engine-not-answering',
      title: 'Docker Engine not answering',
      problem: status.error ?? `The engine at ${status.endpoint} accepted the connection but does not answer.`,
      hint:
        status.hint ?? 'Is dockerd hung? Try `docker info` in a terminal. Berth pings the engine and carries on by itself once it answers.',
      endpoint: status.endpoint,
      canRetry: true,
      canReload: false,
    };
  }
  return {
    kind: 'engine-down',
    title: 'Docker Engine not reachable',
    problem: status.error ?? 'The engine does not answer.',
    hint: status.hint ?? 'Start Docker, or point DOCKER_HOST at a running engine, then retry.',
    endpoint: status.endpoint,
    canRetry: true,
    canReload: false,
  };
}

export type BadgeTone = 'ok' | 'wait' | 'bad';

/** The header's engine badge: its dot colour and what it says. */
export interface ConnectionBadge {
  tone: BadgeTone;
  label: string;
}

export function connectionBadge(state: Pick<ConnectionState, 'link' | 'status'>): ConnectionBadge {
  const { link, status } = state;
  if (isLive(state)) return { tone: 'ok', label: `Docker ${status?.engineVersion ?? ''}`.trim() };
  if (link === 'unauthorized') return { tone: 'bad', label: 'Not authorized' };
  if (link === 'lost') return { tone: 'bad', label: 'Berth server unreachable' };
  if (link === 'connecting' || !status) return { tone: 'wait', label: 'Connecting…' };
  switch (status.state) {
    case 'not-answering':
      return { tone: 'bad', label: 'Engine not answering' };
    case 'disconnected':
      return { tone: 'bad', label: 'Engine disconnected' };
    default:
      return { tone: 'wait', label: 'Connecting…' };
  }
}
