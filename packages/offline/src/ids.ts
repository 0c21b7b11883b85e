import { createHash } from 'node:crypto';

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const HEX = '0123456789abcdef';

/** Redraws allowed before giving up on a unique value (only a tiny alphabet could need many). */
const MAX_REDRAWS = 64;

/** What a resource's generated values are derived from. */
export interface IdSeed {
  readonly urn: string;
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
}

/**
 * The ids, ARN suffixes and names the mocks invent for one resource, derived from its URN and
 * where it lives (partition, region, account), so that two runs of the same program record the
 * same plan. Bytes come from SHA-256 over the seed and a block counter. Every string drawn is
 * checked against `issued` (shared by a whole runtime): when two resources would get the same
 * value, the later one keeps drawing from its own stream until it gets a fresh one, so ids stay
 * unique and still depend only on the program.
 *
 * Secret values (passwords, tokens) must never come from here: anyone who knows the URN could
 * compute them. They stay on `node:crypto`'s random source (see random-values.ts).
 */
export class IdSource {
  private readonly seed: string;
  private block: Buffer = Buffer.alloc(0);
  private offset = 0;
  private counter = 0;

  constructor(
    seed: IdSeed,
    private readonly issued: Set<string>,
  ) {
    // JSON keeps the parts apart, so no two different seeds serialize alike.
    this.seed = JSON.stringify([seed.partition, seed.region, seed.accountId, seed.urn]);
  }

  /** The next byte of this resource's stream. */
  private byte(): number {
    if (this.offset >= this.block.length) {
      this.block = createHash('sha256').update(`${this.seed}#${this.counter}`).digest();
      this.counter++;
      this.offset = 0;
    }
    return this.block[this.offset++] as number;
  }

  /** A uniform integer in [0, max), max at most 256 (rejection sampling: no modulo bias). */
  int(max: number): number {
    if (!Number.isInteger(max) || max < 1 || max > 256) {
      throw new Error(`IdSource.int: max must be an integer in 1..256, got ${max}`);
    }
    const limit = 256 - (256 % max);
    for (;;) {
      const b = this.byte();
      if (b < limit) return b % max;
    }
  }

  /** `n` bytes of the stream, not checked for uniqueness (bodies of placeholder PEMs). */
  bytes(n: number): Buffer {
    const out = Buffer.alloc(n);
    for (let i = 0; i < n; i++) out[i] = this.byte();
    return out;
  }

  /** Draws with `make` until the value is one no other draw in this runtime returned. */
  private unique(make: () => string): string {
    for (let i = 0; i < MAX_REDRAWS; i++) {
      const v = make();
      if (!this.issued.has(v)) {
        this.issued.add(v);
        return v;
      }
    }
    throw new Error(`IdSource: no unique value after ${MAX_REDRAWS} draws for ${this.seed}`);
  }

  /** `n` characters drawn from `alphabet` (at most 256 characters), unique in the runtime. */
  pick(alphabet: string, n: number): string {
    return this.unique(() => {
      let out = '';
      for (let i = 0; i < n; i++) out += alphabet.charAt(this.int(alphabet.length));
      return out;
    });
  }

  /** Lower-case hex of `n` characters, e.g. the 17 after `vpc-`. */
  hex(n: number): string {
    return this.pick(HEX, n);
  }

  alnumLower(n: number): string {
    return this.pick(LOWER + DIGITS, n);
  }

  alnumUpper(n: number): string {
    return this.pick(UPPER + DIGITS, n);
  }

  alnum(n: number): string {
    return this.pick(UPPER + LOWER + DIGITS, n);
  }

  digits(n: number): string {
    return this.pick(DIGITS, n);
  }

  /** Raw bytes as `RandomId` exposes them, unique in the runtime. */
  idBytes(n: number): Buffer {
    let out: Buffer = Buffer.alloc(0);
    this.unique(() => {
      out = this.bytes(n);
      return `bytes:${out.toString('hex')}`;
    });
    return out;
  }

  /** A version-4-shaped UUID (what `randomUUID` gives), e.g. for KMS key ids. */
  uuid(): string {
    return this.unique(() => {
      const b = this.bytes(16);
      b[6] = ((b[6] as number) & 0x0f) | 0x40;
      b[8] = ((b[8] as number) & 0x3f) | 0x80;
      const h = b.toString('hex');
      return [h.slice(0, 8), h.slice(8, 12), h.slice(12, 16), h.slice(16, 20), h.slice(20)].join(
        '-',
      );
    });
  }

  /** EC2-style id: `vpc-0a1b2c3d4e5f60718`. */
  ec2Id(prefix: string): string {
    return `${prefix}-${this.hex(17)}`;
  }

  /**
   * Pulumi auto-naming as the AWS provider does it: the logical name, a dash and seven hex
   * characters, trimmed to the resource's length limit and lower-cased where AWS requires it.
   */
  autoName(logical: string, opts: { maxLength?: number; lower?: boolean } = {}): string {
    const suffix = `-${this.hex(7)}`;
    let base = opts.lower ? logical.toLowerCase() : logical;
    if (opts.maxLength !== undefined && base.length + suffix.length > opts.maxLength) {
      base = base.slice(0, Math.max(0, opts.maxLength - suffix.length));
    }
    return base + suffix;
  }
}
