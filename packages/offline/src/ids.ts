import { randomBytes, randomInt, randomUUID } from 'node:crypto';

/** Lower-case hex of `n` characters, e.g. the 17 after `vpc-`. */
export function hex(n: number): string {
  return randomBytes(Math.ceil(n / 2))
    .toString('hex')
    .slice(0, n);
}

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';

/** Random characters drawn from `alphabet`. */
export function pick(alphabet: string, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) {
    out += alphabet.charAt(randomInt(alphabet.length));
  }
  return out;
}

export const alnumLower = (n: number): string => pick(LOWER + DIGITS, n);
export const alnumUpper = (n: number): string => pick(UPPER + DIGITS, n);
export const alnum = (n: number): string => pick(UPPER + LOWER + DIGITS, n);
export const digits = (n: number): string => pick(DIGITS, n);
export const uuid = (): string => randomUUID();

/** EC2-style id: `vpc-0a1b2c3d4e5f60718`. */
export function ec2Id(prefix: string): string {
  return `${prefix}-${hex(17)}`;
}

/**
 * Pulumi auto-naming as the AWS provider does it: the logical name, a dash and seven random hex
 * characters, trimmed to the resource's length limit and lower-cased where AWS requires it.
 */
export function autoName(logical: string, opts: { maxLength?: number; lower?: boolean } = {}) {
  const suffix = `-${hex(7)}`;
  let base = opts.lower ? logical.toLowerCase() : logical;
  if (opts.maxLength !== undefined && base.length + suffix.length > opts.maxLength) {
    base = base.slice(0, Math.max(0, opts.maxLength - suffix.length));
  }
  return base + suffix;
}
