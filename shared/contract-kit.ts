import type { z } from 'zod';
import { formatCommand, type CommandWords } from './shell-command.js';

/**
 * What an entry says about the command line it equals, so every action in the UI can teach it.
 * `cliArgs` is the one `docker` command as its words (argv, unquoted); `cli` is the line shown,
 * quoted for a POSIX shell, made from `cliArgs` unless the entry gives its own (a pipeline, several
 * commands, a comment). Both are built from words through formatCommand, never by pasting values
 * into a string.
 */
interface CliDef<I extends z.ZodType> {
  readonly cli?: (input: z.infer<I>) => string;
  readonly cliArgs?: (input: z.infer<I>) => CommandWords;
}

/** A request/response entry of the contract. */
export interface CallDef<I extends z.ZodType, O extends z.ZodType> extends CliDef<I> {
  readonly kind: 'call';
  readonly input: I;
  readonly output: O;
}

/** A subscription: the client sends `input` once, then receives `message`s until either side ends it. */
export interface StreamDef<I extends z.ZodType, M extends z.ZodType> extends CliDef<I> {
  readonly kind: 'stream';
  readonly input: I;
  readonly message: M;
}

/** `cli` from `cliArgs` when the entry gives only the words. */
function withCliLine<I extends z.ZodType, D extends CliDef<I>>(def: D): D {
  const { cli, cliArgs } = def;
  if (cli || !cliArgs) return def;
  return { ...def, cli: (input: z.infer<I>) => formatCommand(cliArgs(input)) };
}

export function defineCall<I extends z.ZodType, O extends z.ZodType>(def: Omit<CallDef<I, O>, 'kind'>): CallDef<I, O> {
  return withCliLine<I, CallDef<I, O>>({ kind: 'call', ...def });
}

export function defineStream<I extends z.ZodType, M extends z.ZodType>(def: Omit<StreamDef<I, M>, 'kind'>): StreamDef<I, M> {
  return withCliLine<I, StreamDef<I, M>>({ kind: 'stream', ...def });
}
