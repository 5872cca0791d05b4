import { createContext, useContext, type ReactNode } from 'react';
import { localCommandTarget, onEngine, type EngineCommandTarget } from '../../shared/engine-cli.js';

/** How the commands shown in this part of the page name their engine; none for the default engine. */
const CommandTargetContext = createContext<EngineCommandTarget>(localCommandTarget);

export function CommandTargetProvider({ target, children }: { target: EngineCommandTarget; children: ReactNode }) {
  return <CommandTargetContext.Provider value={target}>{children}</CommandTargetContext.Provider>;
}

/** A shown `docker …` line aimed at the current engine (`docker --context robot1 …`, `DOCKER_HOST=… docker …`). */
export function useShownCommand(line: string): string {
  return onEngine(line, useContext(CommandTargetContext));
}
