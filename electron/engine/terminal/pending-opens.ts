/** One `terminal.open` (or attach, or host shell) on its way; cancelled when its client leaves first. */
export interface OpenTicket {
  readonly clientId: string;
  cancelled: boolean;
}

/**
 * Opens in flight, per client. Opening a shell takes a few engine round trips; a client that goes
 * away meanwhile must not be handed a session nobody owns, so its tickets are cancelled and the
 * session is ended as soon as it exists.
 */
export class PendingOpens {
  private readonly byClient = new Map<string, Set<OpenTicket>>();

  begin(clientId: string): OpenTicket {
    const ticket: OpenTicket = { clientId, cancelled: false };
    let tickets = this.byClient.get(clientId);
    if (!tickets) this.byClient.set(clientId, (tickets = new Set()));
    tickets.add(ticket);
    return ticket;
  }

  end(ticket: OpenTicket): void {
    const tickets = this.byClient.get(ticket.clientId);
    if (!tickets?.delete(ticket)) return;
    if (tickets.size === 0) this.byClient.delete(ticket.clientId);
  }

  count(clientId: string): number {
    return this.byClient.get(clientId)?.size ?? 0;
  }

  cancelClient(clientId: string): void {
    for (const ticket of this.byClient.get(clientId) ?? []) ticket.cancelled = true;
    this.byClient.delete(clientId);
  }

  cancelAll(): void {
    for (const clientId of [...this.byClient.keys()]) this.cancelClient(clientId);
  }
}
