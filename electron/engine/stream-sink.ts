/** Where a stream's producer sends its messages (the server hands one per subscription). */
export interface StreamSink<M> {
  /** Sends one message; returns false when the transport's buffer is above its high watermark. */
  send(message: M): boolean;
  /** Ends the stream from the server side, optionally with an error. */
  end(error?: unknown): void;
}

/** What a stream's producer returns: called when the client unsubscribes or goes away. */
export type StreamCloser = () => void;
