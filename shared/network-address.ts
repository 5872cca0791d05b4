/**
 * IPv4 address and CIDR checks for the network create form and the contract. Pure: no engine, no
 * Node. Each check returns a message for the user, or undefined when the value is fine.
 */

/** The 32-bit value of a dotted IPv4 address, or undefined when it is not one. */
export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^(?:0|[1-9]\d{0,2})$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = value * 256 + n;
  }
  return value;
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

export interface Ipv4Cidr {
  /** The network address (host bits zero). */
  network: number;
  prefix: number;
  /** How many addresses the block holds. */
  size: number;
}

/** `172.30.0.0/16` → its parts; undefined when the text is not an IPv4 CIDR. */
export function parseIpv4Cidr(text: string): Ipv4Cidr | undefined {
  const match = /^([^/]+)\/(\d{1,2})$/.exec(text);
  if (!match) return undefined;
  const address = parseIpv4(match[1]!);
  const prefix = Number(match[2]);
  if (address === undefined || prefix > 32) return undefined;
  const size = 2 ** (32 - prefix);
  return { network: address - (address % size), prefix, size };
}

/** Why a subnet cannot be used for a bridge network, or undefined. */
export function subnetProblem(text: string): string | undefined {
  const match = /^([^/]+)\/(\d{1,2})$/.exec(text);
  if (!match) return 'Write the subnet as an IPv4 address and prefix length, e.g. 172.30.0.0/16';
  if (parseIpv4(match[1]!) === undefined) return `${match[1]} is not an IPv4 address (four numbers 0-255 separated by dots)`;
  const prefix = Number(match[2]);
  if (prefix > 32) return 'The prefix length is at most 32';
  const cidr = parseIpv4Cidr(text)!;
  if (parseIpv4(match[1]!) !== cidr.network) {
    return `${match[1]} has host bits set for /${prefix}: the subnet starts at ${formatIpv4(cidr.network)}/${prefix}`;
  }
  if (prefix > 30) return 'The subnet is too small: a /30 or larger leaves room for a gateway and a container';
  return undefined;
}

/** Why a gateway does not fit the subnet, or undefined. The subnet must be valid already. */
export function gatewayProblem(gateway: string, subnet: string | undefined): string | undefined {
  if (parseIpv4(gateway) !== undefined && (subnet === undefined || subnet === '')) return 'A gateway needs a subnet to belong to';
  return addressProblem(gateway, subnet);
}

/** Why an address cannot be a host's (gateway or container) in the subnet, or undefined; no subnet: any IPv4 address. */
export function addressProblem(text: string, subnet: string | undefined): string | undefined {
  const gateway = text;
  const address = parseIpv4(gateway);
  if (address === undefined) return `${gateway} is not an IPv4 address (four numbers 0-255 separated by dots)`;
  if (subnet === undefined || subnet === '') return undefined;
  const cidr = parseIpv4Cidr(subnet);
  if (!cidr) return undefined; // the subnet's own error says what is wrong
  if (address < cidr.network || address >= cidr.network + cidr.size)
    return `${gateway} is outside ${formatIpv4(cidr.network)}/${cidr.prefix}`;
  if (address === cidr.network)
    return `${gateway} is the subnet's network address; pick one after it, e.g. ${formatIpv4(cidr.network + 1)}`;
  if (address === cidr.network + cidr.size - 1)
    return `${gateway} is the subnet's broadcast address; pick one inside it, e.g. ${formatIpv4(cidr.network + 1)}`;
  return undefined;
}
