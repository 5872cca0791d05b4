import { Decoder, Encoder } from '@msgpack/msgpack';
import type { RawData, WebSocket } from 'ws';
import type { RpcErrorPayload } from '../../../shared/errors.js';
import { clientMessageSchema, type ClientMessage, type ServerMessage } from '../../../shared/wire.js';
import { createClientSession, readableId } from '../rpc/client-session.js';
import type { Router } from '../rpc/router.js';
import { boundedMessage } from '../../engine/echo-safe.js';
import { toRpcError } from '../../engine/to-rpc-error.js';
import { checkFrameShape, clientFrameLimits } from './frame-shape.js';
import { encodeBytesEvent } from './ws-client-session-bytes.js';

/** Above this many unsent bytes a stream's sink reports backpressure (the terminal pauses its source). */
export const wsHighWatermark = 4 * 1024 * 1024;

/** Frames up to this size keep the connection's encoder (and its grown buffer); larger ones replace it. */
const keptEncoderBytes = 1024 * 1024;

/** Checked after the shape scan, as a second line: no single string, byte array, array or map may claim more. */
const frameDecoder = new Decoder({
  maxArrayLength: clientFrameLimits.maxItems,
  maxMapLength: clientFrameLimits.maxItems,
  maxStrLength: 4 * 1024 * 1024,
  maxBinLength: 4 * 1024 * 1024,
  maxExtLength: 64,
});

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

/**
 * One WebSocket connection = one client of the router. Decodes MessagePack frames, validates
 * them against the wire schema, dispatches, and frees everything the client held when the
 * socket closes. Nothing a client sends can throw out of here.
 */
export function serveWsClient(socket: WebSocket, router: Router, clientId: string): void {
  let closed = false;
  // One encoder per connection: its buffer grows to the frames it sends and stays (a fresh encoder
  // per message starts at 2 kB and regrows, copying). After an unusually large frame (a big file
  // listing) it is replaced, so the connection does not keep twice that size for its whole life.
  // ignoreUndefined: optional fields left undefined are omitted rather than sent as nil.
  const newEncoder = (): Encoder => new Encoder({ ignoreUndefined: true, initialBufferSize: 64 * 1024 });
  let encoder = newEncoder();

  const send = (message: ServerMessage): boolean => {
    if (closed || socket.readyState !== socket.OPEN) return false;
    let frame: Uint8Array;
    try {
      // Terminal output: the bytes copied once into a frame of their own (see ws-client-session-bytes.ts).
      const bytesFrame = encodeBytesEvent(message);
      if (bytesFrame) frame = bytesFrame;
      else {
        // A copy of the encoder's buffer, so the next message cannot overwrite one still queued.
        frame = encoder.encode(message);
        if (frame.byteLength > keptEncoderBytes) encoder = newEncoder();
      }
    } catch (err) {
      if (message.t === 'result' && message.ok) {
        return send({
          t: 'result',
          id: message.id,
          ok: false,
          error: { code: 'INTERNAL', message: `The reply could not be encoded: ${toRpcError(err).message}` },
        });
      }
      console.error(`[berth web] dropped a message that could not be encoded: ${toRpcError(err).message}`);
      return true;
    }
    socket.send(frame);
    return socket.bufferedAmount <= wsHighWatermark;
  };

  const badRequest = (id: number, message: string, path?: RpcErrorPayload['path']): void => {
    send({ t: 'result', id, ok: false, error: { code: 'BAD_REQUEST', message, ...(path ? { path } : {}) } });
  };

  const session = createClientSession({ router, ctx: { clientId, transport: 'ws' }, deliver: send, logPrefix: '[berth web]' });

  const dispatch = (message: ClientMessage): void => {
    switch (message.t) {
      case 'call':
        void session.call(message.name, message.input, message.engine).then((result) => send({ t: 'result', id: message.id, ...result }));
        return;
      case 'sub':
        session.subscribe(message.id, message.name, message.input, message.engine);
        return;
      case 'unsub':
        session.unsubscribe(message.id);
        return;
    }
  };

  socket.on('message', (data, isBinary) => {
    if (!isBinary) {
      badRequest(-1, 'Frames must be binary MessagePack');
      return;
    }
    const bytes = toBytes(data);
    // Before decoding: a frame's cost is bounded by its shape, not only by its size.
    const shape = checkFrameShape(bytes);
    if (!shape.ok) {
      badRequest(-1, `The frame was refused before decoding: ${shape.reason}`);
      return;
    }
    let decoded: unknown;
    try {
      decoded = frameDecoder.decode(bytes);
    } catch (err) {
      badRequest(-1, `The frame is not valid MessagePack: ${boundedMessage(toRpcError(err).message)}`);
      return;
    }
    const parsed = clientMessageSchema.safeParse(decoded);
    if (!parsed.success) {
      const error = toRpcError(parsed.error);
      badRequest(readableId(decoded) ?? -1, `Malformed message: ${error.message}`, error.path);
      return;
    }
    dispatch(parsed.data);
  });

  // Errors (e.g. a frame over maxPayload) are followed by 'close'; without a listener they would crash the process.
  socket.on('error', (err) => console.warn(`[berth web] client ${clientId}: ${err.message}`));

  socket.on('close', () => {
    if (closed) return;
    closed = true;
    session.dispose();
  });
}
