import type { AppHandlerTable } from '../rpc/handler-types.js';
import type { EngineRegistry } from './engine-registry.js';
import { PassphrasePrompts } from './passphrase-prompts.js';

/** The app-level entries (shared/engines-contract.ts): one line each, delegating to the registry. */
export function createEnginesHandlers(registry: EngineRegistry, prompts = new PassphrasePrompts()): AppHandlerTable {
  return {
    calls: {
      'engines.list': async () => registry.fleet(),
      'engines.add': (input) => registry.add(input),
      'engines.remove': async ({ id }) => (await registry.remove(id), null),
      'engines.acceptHostKey': async ({ id, fingerprint }) => (await registry.acceptHostKey(id, fingerprint), null),
      'engines.reconnect': async ({ id }) => (await registry.reconnect(id), null),
      'engines.answerPassphrase': async ({ promptId, passphrase, keep }, ctx) => (
        prompts.answer(ctx.clientId, promptId, passphrase, keep ?? false),
        null
      ),
    },
    streams: {
      'engines.fleet': (_input, sink) => {
        sink.send(registry.fleet());
        return registry.onFleet((fleet) => sink.send(fleet));
      },
      'engines.passphrasePrompts': (_input, sink, ctx) => prompts.watch(ctx.clientId, (prompt) => sink.send(prompt)),
    },
  };
}
