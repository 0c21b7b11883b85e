/**
 * IPv4 CIDR arithmetic for subnet planning. Small enough to keep in-house (see
 * docs/adr/0001-subnet-layout.md): addresses are plain numbers from 0 to 2^32 - 1, so there are
 * no 32-bit sign surprises from bitwise operators.
 */

export interface Ipv4Cidr {
  /** The first address of the block, as a number. */
  readonly network: number;
  /** Prefix length, 0 to 32. */
  readonly prefixLength: number;
}

const IPV4_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Number of addresses in a block of this prefix length. */
export function blockSize(prefixLength: number): number {
  return 2 ** (32 - prefixLength);
}

/**
 * Parses `a.b.c.d/n`. Refuses host bits (e.g. `10.0.1.0/16`) rather than silently rounding,
 * because a typo there usually means the caller meant another network.
 */
export function parseCidr(text: string): Ipv4Cidr {
  const match = IPV4_CIDR.exec(text.trim());
  if (!match) {
    throw new Error(`"${text}" is not an IPv4 CIDR block such as 10.0.0.0/16`);
  }
  const octets = match.slice(1, 5).map(Number);
  const prefixLength = Number(match[5]);
  if (octets.some((o) => o > 255) || prefixLength > 32) {
    throw new Error(`"${text}" is not an IPv4 CIDR block: octets go to 255, prefixes to 32`);
  }
  const address = octets.reduce((acc, octet) => acc * 256 + octet, 0);
  const size = blockSize(prefixLength);
  const network = Math.floor(address / size) * size;
  if (network !== address) {
    const suggestion = formatCidr({ network, prefixLength });
    throw new Error(`"${text}" has host bits set; the network address is ${suggestion}`);
  }
  return { network, prefixLength };
}

export function formatAddress(address: number): string {
  const octets: number[] = [];
  let rest = address;
  for (let i = 0; i < 4; i++) {
    octets.unshift(rest % 256);
    rest = Math.floor(rest / 256);
  }
  return octets.join('.');
}

export function formatCidr(cidr: Ipv4Cidr): string {
  return `${formatAddress(cidr.network)}/${cidr.prefixLength}`;
}

/** Last address of the block. */
export function lastAddress(cidr: Ipv4Cidr): number {
  return cidr.network + blockSize(cidr.prefixLength) - 1;
}

/** True if the two blocks share at least one address. */
export function cidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  return a.network <= lastAddress(b) && b.network <= lastAddress(a);
}

/** True if `inner` lies entirely within `outer`. */
export function cidrContains(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
  return inner.network >= outer.network && lastAddress(inner) <= lastAddress(outer);
}

/** True for `0.0.0.0/0` and `::/0` (and any other spelling of a zero-length prefix). */
export function isWholeInternet(cidr: string): boolean {
  return /\/0+$/.test(cidr.trim());
}
