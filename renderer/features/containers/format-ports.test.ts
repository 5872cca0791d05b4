import { describe, expect, it } from 'vitest';
import { formatPorts } from './format-ports.js';

describe('formatPorts', () => {
  it('prints published and exposed ports like docker ps, without IPv6 twins', () => {
    expect(
      formatPorts([
        { privatePort: 80, publicPort: 8080, ip: '0.0.0.0', protocol: 'tcp' },
        { privatePort: 80, publicPort: 8080, ip: '::', protocol: 'tcp' },
        { privatePort: 443, protocol: 'tcp' },
      ]),
    ).toBe('0.0.0.0:8080->80/tcp, 443/tcp');
  });

  it('is empty without ports', () => {
    expect(formatPorts([])).toBe('');
  });
});
