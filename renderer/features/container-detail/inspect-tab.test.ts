import { describe, expect, it } from 'vitest';
import { summarize } from './inspect-tab.js';

describe('inspect summary', () => {
  it('shows the command and entrypoint as a shell would take them back, not words run together', () => {
    const s = summarize({ Config: { Cmd: ['sh', '-c', 'sleep 1; echo $(id)'], Entrypoint: ['/bin/tini', '--'] } });
    expect(s.command).toBe("sh -c 'sleep 1; echo $(id)'");
    expect(s.entrypoint).toBe('/bin/tini --');
    expect(summarize({ Config: { Cmd: null } }).command).toBe('—');
  });
});
