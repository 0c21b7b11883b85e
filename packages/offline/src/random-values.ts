import { randomInt } from 'node:crypto';

/** The special characters the random provider uses when `overrideSpecial` is not set. */
export const DEFAULT_SPECIAL = '!@#$%&*()-_=+[]{}<>:?';

export interface RandomStringInputs {
  readonly length?: number;
  readonly special?: boolean;
  readonly upper?: boolean;
  readonly lower?: boolean;
  readonly numeric?: boolean;
  /** Deprecated alias of `numeric`. */
  readonly number?: boolean;
  readonly overrideSpecial?: string;
  readonly minUpper?: number;
  readonly minLower?: number;
  readonly minNumeric?: number;
  readonly minSpecial?: number;
}

function shuffle(chars: string[]): string[] {
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
  }
  return chars;
}

/**
 * A fresh value following the random provider's rules for RandomPassword/RandomString: each
 * enabled class contributes at least its `min*` characters, the rest is drawn from the union.
 * Throws when the inputs cannot be satisfied, as the provider does.
 */
export function randomStringValue(inputs: RandomStringInputs): string {
  const length = inputs.length;
  if (typeof length !== 'number' || !Number.isInteger(length) || length < 1) {
    throw new Error(`random string: length must be a positive integer, got ${String(length)}`);
  }
  const classes: { chars: string; min: number }[] = [];
  const upper = inputs.upper ?? true;
  const lower = inputs.lower ?? true;
  const numeric = inputs.numeric ?? inputs.number ?? true;
  const special = inputs.special ?? true;
  if (upper) classes.push({ chars: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', min: inputs.minUpper ?? 0 });
  if (lower) classes.push({ chars: 'abcdefghijklmnopqrstuvwxyz', min: inputs.minLower ?? 0 });
  if (numeric) classes.push({ chars: '0123456789', min: inputs.minNumeric ?? 0 });
  if (special) {
    classes.push({ chars: inputs.overrideSpecial ?? DEFAULT_SPECIAL, min: inputs.minSpecial ?? 0 });
  }
  const usable = classes.filter((c) => c.chars.length > 0);
  const all = usable.map((c) => c.chars).join('');
  if (all.length === 0) {
    throw new Error('random string: every character class is disabled or empty');
  }
  const required = usable.reduce((sum, c) => sum + c.min, 0);
  if (required > length) {
    throw new Error(`random string: the min* counts (${required}) exceed length ${length}`);
  }
  const out: string[] = [];
  for (const c of usable) {
    for (let i = 0; i < c.min; i++) out.push(c.chars.charAt(randomInt(c.chars.length)));
  }
  while (out.length < length) out.push(all.charAt(randomInt(all.length)));
  return shuffle(out).join('');
}

/**
 * RandomId's computed attributes for the given bytes (and an optional prefix). The caller draws
 * the bytes from the resource's IdSource: a RandomId names things (a snapshot suffix) and is
 * no secret, so it is as stable across runs as the other ids.
 */
export function randomIdValues(bytes: Buffer, prefix = ''): Record<string, string> {
  const b64Std = bytes.toString('base64');
  const b64Url = bytes.toString('base64url');
  return {
    hex: prefix + bytes.toString('hex'),
    b64Std: prefix + b64Std,
    b64Url: prefix + b64Url,
    dec: prefix + BigInt(`0x${bytes.toString('hex') || '0'}`).toString(10),
    id: b64Url,
  };
}
