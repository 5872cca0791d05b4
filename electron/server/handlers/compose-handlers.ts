import type { composeCalls, composeStreams } from '../../../shared/compose-contract.js';
import type { CallHandlers, StreamHandlers } from '../rpc/handler-types.js';
import type { EngineServices } from '../engine-services.js';

/** Handlers for shared/compose-contract.ts: each one line into the engine's ComposeService. */
export function composeCallHandlers(engine: EngineServices): Pick<CallHandlers, keyof typeof composeCalls> {
  const { compose } = engine;
  return {
    'compose.info': () => compose.info(),
    'compose.opened': async () => compose.opened(),
    'compose.open': (input) => compose.open(input),
    'compose.create': ({ program, folder, project, text }) => compose.create(program, folder, project, text),
    'compose.close': async ({ project }) => (compose.close(project), null),
    'compose.describe': ({ program, stack }) => compose.describe(program, stack),
    'compose.readFile': ({ path }) => compose.readFile(path),
    'compose.check': async ({ program, stack, path, text }) => ({ problems: await compose.check(program, stack, path, text) }),
    'compose.saveFile': ({ path, text, baseHash }) => compose.saveFile(path, text, baseHash),
  };
}

export function composeStreamHandlers(engine: EngineServices): Pick<StreamHandlers, keyof typeof composeStreams> {
  return {
    'compose.run': (input, sink, ctx) => engine.compose.run(input, sink, ctx.clientId),
  };
}
