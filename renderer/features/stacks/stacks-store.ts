import { createStore, type StoreApi } from 'zustand/vanilla';
import { streamCliEquivalent } from '../../../shared/contract.js';
import type {
  ComposeInfo,
  ComposeProgram,
  StackActionInput,
  StackDescription,
  StackRef,
  StackRunMessage,
} from '../../../shared/compose-types.js';
import type { BerthClient } from '../../api/client.js';
import { errorText } from '../../lib/error-text.js';
import type { ActionRunner } from '../activity/action-runner.js';
import type { ActivityStore } from '../activity/activity-store.js';
import { runStream } from '../images/stream-activity.js';

/** Most output a run keeps for the view (the oldest goes first). */
const maxRunOutputChars = 200_000;

export interface StackRun {
  /** The command line as shown (every command of the run). */
  command: string;
  action: StackActionInput['action'];
  output: string;
  status: 'running' | 'ok' | 'failed' | 'cancelled';
  code?: number | null;
  recreated?: string[];
  created?: string[];
  error?: string;
}

export interface OpenStackInput {
  path: string;
  project?: string;
  extraFiles: string[];
  profiles: string[];
  envFile?: string;
}

/** A Compose text waiting to become a new stack (from the run form's export), with the name suggested for it. */
export interface StackDraft {
  text: string;
  project: string;
}

export interface NewStackInput {
  folder: string;
  project: string;
  text: string;
}

export interface StacksState {
  info?: ComposeInfo;
  infoError?: string;
  opened: StackRef[];
  selected?: string;
  /** The last run of each stack, by project. */
  runs: Readonly<Record<string, StackRun>>;
  /** Set while the new-stack dialog is asked for (the Stacks view shows it). */
  draft?: StackDraft;
  descriptions: Readonly<Record<string, StackDescription>>;
  load(): Promise<void>;
  select(project: string | undefined): void;
  open(input: OpenStackInput): Promise<{ stack: StackRef; description: StackDescription }>;
  close(project: string): Promise<void>;
  setDraft(draft: StackDraft | undefined): void;
  /** Writes FOLDER/compose.yaml (never over an existing Compose file) and opens it, not started. */
  create(input: NewStackInput): Promise<{ stack: StackRef; description: StackDescription }>;
  describe(stack: StackRef): Promise<StackDescription | undefined>;
  /** Runs an action; resolves when it ended (however it ended). */
  run(stack: StackRef, action: StackActionInput): Promise<StackRun>;
  cancel(project: string): void;
  dispose(): void;
}

export type StacksStore = StoreApi<StacksState>;

export interface StacksStoreDeps {
  client: BerthClient;
  run: ActionRunner;
  activity: ActivityStore;
}

/** Compose stacks of the current engine: the program found, stacks opened in Berth, each stack's last run and resolved file. */
export function createStacksStore({ client, run, activity }: StacksStoreDeps): StacksStore {
  const cancels = new Map<string, () => void>();
  const program = (get: () => StacksState): ComposeProgram => {
    const found = get().info?.program;
    if (!found) throw new Error(get().info?.missing ?? 'No Compose program on the machine Berth runs on');
    return found;
  };

  return createStore<StacksState>()((set, get) => {
    const setRun = (project: string, patch: Partial<StackRun>) =>
      set((s) => {
        const current = s.runs[project];
        return current ? { runs: { ...s.runs, [project]: { ...current, ...patch } } } : {};
      });

    const showOpened = (result: { stack: StackRef; description: StackDescription }) =>
      set((s) => ({
        opened: [...s.opened.filter((o) => o.project !== result.stack.project), result.stack],
        descriptions: { ...s.descriptions, [result.stack.project]: result.description },
        selected: result.stack.project,
      }));

    return {
      opened: [],
      runs: {},
      descriptions: {},

      async load() {
        try {
          const [info, opened] = await Promise.all([client.call('compose.info', {}), client.call('compose.opened', {})]);
          set({ info, opened, infoError: undefined });
        } catch (error) {
          set({ infoError: errorText(error) });
        }
      },

      select(project) {
        set({ selected: project });
      },

      async open(input) {
        const result = await run('compose.open', { program: program(get), ...input });
        showOpened(result);
        return result;
      },

      setDraft(draft) {
        set({ draft });
      },

      async create(input) {
        // Asked from the run form: the Stacks view may not have loaded the program yet.
        if (!get().info?.program) await get().load();
        const result = await run('compose.create', { program: program(get), ...input });
        showOpened(result);
        set({ draft: undefined });
        return result;
      },

      async close(project) {
        await run('compose.close', { project });
        set((s) => ({ opened: s.opened.filter((o) => o.project !== project) }));
      },

      async describe(stack) {
        try {
          const description = await client.call('compose.describe', { program: program(get), stack });
          set((s) => ({ descriptions: { ...s.descriptions, [stack.project]: description } }));
          return description;
        } catch (error) {
          const description: StackDescription = { services: [], volumes: [], problem: errorText(error) };
          set((s) => ({ descriptions: { ...s.descriptions, [stack.project]: description } }));
          return description;
        }
      },

      run(stack, action) {
        let found: ComposeProgram;
        try {
          found = program(get);
        } catch (error) {
          return Promise.reject(error instanceof Error ? error : new Error(String(error)));
        }
        const input = { program: found, stack, run: action };
        const project = stack.project;
        cancels.get(project)?.();
        set((s) => ({
          runs: {
            ...s.runs,
            [project]: {
              command: streamCliEquivalent('compose.run', input) ?? 'compose',
              action: action.action,
              output: '',
              status: 'running',
            },
          },
        }));
        return new Promise<StackRun>((resolve) => {
          const finish = () => {
            cancels.delete(project);
            resolve(get().runs[project] as StackRun);
          };
          const cancel = runStream(client, activity, 'compose.run', input, {
            onMessage: (m: StackRunMessage) => {
              if (m.t === 'output') {
                const output = (get().runs[project]?.output ?? '') + m.text;
                setRun(project, { output: output.length > maxRunOutputChars ? output.slice(-maxRunOutputChars) : output });
              } else if (m.t === 'exit') {
                setRun(project, {
                  status: m.code === 0 ? 'ok' : 'failed',
                  code: m.code,
                  ...(m.recreated ? { recreated: m.recreated } : {}),
                  ...(m.created ? { created: m.created } : {}),
                  ...(m.code === 0 ? {} : { error: `exited with code ${m.code ?? 'none (killed)'}` }),
                });
              }
            },
            onEnd: (error) => {
              if (error) setRun(project, { status: 'failed', error: error.message });
              else if (get().runs[project]?.status === 'running') setRun(project, { status: 'cancelled' });
              finish();
            },
            describe: () => {
              const r = get().runs[project];
              return r?.status === 'failed' ? (r.error ?? 'failed') : 'done';
            },
          });
          cancels.set(project, cancel);
        });
      },

      cancel(project) {
        cancels.get(project)?.();
      },

      dispose() {
        for (const cancel of [...cancels.values()]) cancel();
        cancels.clear();
      },
    };
  });
}
