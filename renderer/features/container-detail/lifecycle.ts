import type { ContainerState } from '../../../shared/engine-types.js';

/** The states drawn in the lifecycle diagram: the engine's, plus `removed` (the container is gone). */
export type LifecycleState = 'created' | 'running' | 'paused' | 'restarting' | 'exited' | 'dead' | 'removed';

/** Actions a user can take on a container from the detail header or the diagram. */
export type DetailAction = 'start' | 'stop' | 'restart' | 'pause' | 'unpause' | 'kill' | 'rename' | 'remove' | 'commit';

/** The diagram's arrows, labelled like the docker commands. */
export type TransitionAction = 'start' | 'stop' | 'pause' | 'unpause' | 'kill' | 'restart' | 'rm';

export interface Transition {
  action: TransitionAction;
  from: LifecycleState;
  to: LifecycleState;
}

export const transitions: readonly Transition[] = [
  { action: 'start', from: 'created', to: 'running' },
  { action: 'rm', from: 'created', to: 'removed' },
  { action: 'pause', from: 'running', to: 'paused' },
  { action: 'unpause', from: 'paused', to: 'running' },
  { action: 'stop', from: 'running', to: 'exited' },
  { action: 'kill', from: 'running', to: 'exited' },
  { action: 'restart', from: 'running', to: 'running' },
  { action: 'stop', from: 'paused', to: 'exited' },
  { action: 'kill', from: 'paused', to: 'exited' },
  { action: 'stop', from: 'restarting', to: 'exited' },
  { action: 'kill', from: 'restarting', to: 'exited' },
  { action: 'start', from: 'exited', to: 'running' },
  { action: 'restart', from: 'exited', to: 'running' },
  { action: 'rm', from: 'exited', to: 'removed' },
  { action: 'rm', from: 'dead', to: 'removed' },
];

/** The accessible name of a transition's button, e.g. "pause (running → paused)". */
export function transitionLabel(t: Transition): string {
  return `${t.action} (${t.from} → ${t.to})`;
}

/** `removing` is drawn as `removed` in progress; every other engine state is its own node. */
export function lifecycleStateOf(state: ContainerState | 'removed'): LifecycleState {
  return state === 'removing' ? 'removed' : state;
}

/** The transitions the engine would accept from this state (the diagram enables only these). */
export function legalTransitions(state: ContainerState | 'removed'): Transition[] {
  if (state === 'removing') return [];
  const from = lifecycleStateOf(state);
  return transitions.filter((t) => t.from === from);
}

/** Which header buttons are enabled for a container in this state. */
export function legalActions(state: ContainerState | 'removed'): ReadonlySet<DetailAction> {
  const allowed = new Set<DetailAction>();
  if (state === 'removed' || state === 'removing') return allowed;
  allowed.add('remove');
  allowed.add('rename');
  if (state !== 'dead') allowed.add('commit');
  if (state === 'created' || state === 'exited') allowed.add('start');
  if (state === 'running' || state === 'paused' || state === 'restarting') {
    allowed.add('stop');
    allowed.add('kill');
    allowed.add('restart');
  }
  if (state === 'exited') allowed.add('restart');
  if (state === 'running') allowed.add('pause');
  if (state === 'paused') allowed.add('unpause');
  return allowed;
}

/** The diagram's action → the header action that performs it. */
export function actionOfTransition(action: TransitionAction): DetailAction {
  return action === 'rm' ? 'remove' : action;
}

export const killSignals = ['SIGKILL', 'SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'] as const;
