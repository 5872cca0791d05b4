/**
 * The peer terminal's wire, the way ttyd and wetty keep it small: output goes to the page as bare
 * binary frames (no envelope, no encoding), and the page sends short text frames whose first
 * character says what they are: `0` keystrokes, `1` a new size (`cols,rows`), `2` bytes parsed
 * (the flow-control acknowledgement).
 */
export type PeerClientMessage =
  | { kind: 'input'; data: string }
  | { kind: 'resize'; cols: number; rows: number }
  | { kind: 'ack'; bytes: number }
  | { kind: 'invalid'; reason: string };

export const peerFrame = {
  input: (data: string): string => `0${data}`,
  resize: (cols: number, rows: number): string => `1${cols},${rows}`,
  ack: (bytes: number): string => `2${bytes}`,
};

const wholeNumber = /^(0|[1-9][0-9]{0,9})$/;

export function parsePeerFrame(frame: string): PeerClientMessage {
  const body = frame.slice(1);
  switch (frame[0]) {
    case '0':
      return { kind: 'input', data: body };
    case '1': {
      const [cols, rows, ...rest] = body.split(',');
      if (rest.length > 0 || !cols || !rows || !wholeNumber.test(cols) || !wholeNumber.test(rows))
        return { kind: 'invalid', reason: `A resize needs "cols,rows", not ${JSON.stringify(body)}` };
      const size = { cols: Number(cols), rows: Number(rows) };
      if (size.cols < 2 || size.cols > 1000 || size.rows < 1 || size.rows > 500)
        return { kind: 'invalid', reason: `A terminal of ${size.cols}x${size.rows} cells is out of range` };
      return { kind: 'resize', ...size };
    }
    case '2':
      if (!wholeNumber.test(body) || Number(body) > 2 ** 30)
        return { kind: 'invalid', reason: `An acknowledgement needs a byte count, not ${JSON.stringify(body)}` };
      return { kind: 'ack', bytes: Number(body) };
    default:
      return { kind: 'invalid', reason: `Unknown frame type ${JSON.stringify(frame.slice(0, 1))}` };
  }
}
