import { describe, expect, it } from 'vitest';
import { BerthError } from '../../shared/errors.js';
import { errorText } from './error-text.js';

describe('errorText', () => {
  it("keeps the server's message of a BerthError, without its code", () => {
    expect(errorText(new BerthError({ code: 'CONFLICT', message: 'volume is in use' }))).toBe('volume is in use');
  });

  it('takes the message of any Error and turns anything else into text', () => {
    expect(errorText(new TypeError('bad'))).toBe('bad');
    expect(errorText('refused')).toBe('refused');
    expect(errorText(undefined)).toBe('undefined');
  });
});
