import type { EngineConnection } from '../engine-connection.js';

/**
 * Compose stacks on one engine, driven by the real Compose program (`docker compose`, else
 * `docker-compose`) pointed at this engine. Stub: filled in by the Compose issue.
 */
export class ComposeService {
  constructor(readonly connection: EngineConnection) {}

  /** A client left: the Compose runs it started are cancelled. */
  disposeClient(_clientId: string): void {}

  /** Cancels every running Compose program. Never rejects. */
  async closeAll(): Promise<void> {}
}
