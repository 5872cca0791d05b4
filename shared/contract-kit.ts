import type { z } from 'zod';

/**
 * A request/response entry of the contract. `cli` tells the `docker` command line that does the
 * same thing, so every action in the UI can teach the command it equals.
 */
export interface CallDef<I extends z.ZodType, O extends z.ZodType> {
  readonly kind: 'call';
  readonly input: I;
  readonly output: O;
  readonly cli?: (input: z.infer<I>) => string;
}

/** A subscription: the client sends `input` once, then receives `message`s until either side ends it. */
export interface StreamDef<I extends z.ZodType, M extends z.ZodType> {
  readonly kind: 'stream';
  readonly input: I;
  readonly message: M;
  readonly cli?: (input: z.infer<I>) => string;
}

export function defineCall<I extends z.ZodType, O extends z.ZodType>(def: Omit<CallDef<I, O>, 'kind'>): CallDef<I, O> {
  return { kind: 'call', ...def };
}

export function defineStream<I extends z.ZodType, M extends z.ZodType>(def: Omit<StreamDef<I, M>, 'kind'>): StreamDef<I, M> {
  return { kind: 'stream', ...def };
}
