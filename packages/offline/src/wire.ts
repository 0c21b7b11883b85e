import * as pulumi from '@pulumi/pulumi';

/**
 * Decoding of the values Pulumi sends to its resource monitor. Under mocks the SDK serializes
 * every input with `serializeProperties`; a secret is an object
 * `{ [specialSigKey]: specialSecretSig, value }` at the exact place it occurs (the mock's own
 * `newResource` sees the inputs only after `deserializeProperties`, which hoists secretness to
 * the top-level property, so the recorder reads the raw request instead).
 */

const SIG = pulumi.runtime.specialSigKey;
const SECRET = pulumi.runtime.specialSecretSig;
const RESOURCE_SIG = pulumi.runtime.specialResourceSig;
const ASSET_SIG = pulumi.runtime.specialAssetSig;
const ARCHIVE_SIG = pulumi.runtime.specialArchiveSig;
const OUTPUT_SIG = pulumi.runtime.specialOutputValueSig;
/** The value the SDK sends for an unknown (computed) value. */
const UNKNOWN = pulumi.runtime.unknownValue;

export interface Decoded {
  readonly value: unknown;
  /** Paths (`a.b[0]`) whose value was marked secret, outermost first. */
  readonly secretPaths: string[];
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  const simple = /^[A-Za-z_$][\w$]*$/.test(key);
  if (path === '') return simple ? key : `[${JSON.stringify(key)}]`;
  return simple ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function decodeAt(v: unknown, path: string, secrets: string[]): unknown {
  if (Array.isArray(v)) {
    return v.map((e, i) => decodeAt(e, join(path, i), secrets));
  }
  if (!isRecord(v)) {
    return v === UNKNOWN ? undefined : v;
  }
  const sig = v[SIG];
  if (sig === SECRET) {
    secrets.push(path);
    return decodeAt(v['value'], path, secrets);
  }
  if (sig === RESOURCE_SIG) {
    // A resource reference: keep what identifies it.
    const id = v['id'];
    return typeof id === 'string' && id.length > 0 ? id : v['urn'];
  }
  if (sig === OUTPUT_SIG) {
    if (v['secret'] === true) secrets.push(path);
    return decodeAt(v['value'], path, secrets);
  }
  if (sig === ASSET_SIG || sig === ARCHIVE_SIG) {
    return Object.fromEntries(Object.entries(v).filter(([k]) => k !== SIG));
  }
  const out: Record<string, unknown> = {};
  for (const [k, e] of Object.entries(v)) {
    const d = decodeAt(e, join(path, k), secrets);
    if (d !== undefined) out[k] = d;
  }
  return out;
}

/** Plain values plus the paths that were secret, from a serialized property map. */
export function decodeProperties(raw: Record<string, unknown>): {
  value: Record<string, unknown>;
  secretPaths: string[];
} {
  const secretPaths: string[] = [];
  const value = decodeAt(raw, '', secretPaths) as Record<string, unknown>;
  return { value, secretPaths };
}

/** Removes secret markers from a deserialized value (what the mock's `newResource` gets). */
export function unwrapSecrets(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(unwrapSecrets);
  if (!isRecord(v)) return v;
  if (v[SIG] === SECRET) return unwrapSecrets(v['value']);
  if (typeof v[SIG] === 'string') return v;
  const out: Record<string, unknown> = {};
  for (const [k, e] of Object.entries(v)) out[k] = unwrapSecrets(e);
  return out;
}

/** Wraps a value in the SDK's secret marker (no double wrapping). */
export function markSecret(v: unknown): unknown {
  if (isRecord(v) && v[SIG] === SECRET) return v;
  return { [SIG]: SECRET, value: v };
}

/** True if the value carries the SDK's secret marker. */
export function isMarkedSecret(v: unknown): boolean {
  return isRecord(v) && v[SIG] === SECRET;
}
