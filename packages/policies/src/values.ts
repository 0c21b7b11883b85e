/**
 * Reading resource inputs safely. Inputs arrive as untyped records; during a preview some are
 * not known yet. An unknown value is represented by `UNKNOWN` so a policy can tell "absent"
 * (a real setting: the provider default applies) from "not known yet" (cannot be judged).
 */

/** Marks a value the engine cannot know before the update (a computed output). */
export const UNKNOWN: unique symbol = Symbol.for('phi-platform:policies:unknown');
export type Unknown = typeof UNKNOWN;

export function isUnknown(value: unknown): value is Unknown {
  return value === UNKNOWN;
}

/** What the offline plan writes in place of a secret value. */
export const REDACTED = '[secret]';

export type Dict = Readonly<Record<string, unknown>>;

export function isDict(value: unknown): value is Dict {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at a dotted path (`networkConfiguration.assignPublicIp`), or undefined. */
export function at(source: unknown, path: string): unknown {
  let current: unknown = source;
  for (const key of path.split('.')) {
    if (isUnknown(current)) return UNKNOWN;
    if (!isDict(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** A list value: arrays as they are, absent as empty, unknown as `UNKNOWN`. */
export function list(value: unknown): unknown[] | Unknown {
  if (isUnknown(value)) return UNKNOWN;
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? (value as unknown[]) : [value];
}

/** The strings of a list, `UNKNOWN` if the list or any element is unknown. */
export function strings(value: unknown): string[] | Unknown {
  const items = list(value);
  if (isUnknown(items) || items.some(isUnknown)) return UNKNOWN;
  return items.filter((item): item is string => typeof item === 'string');
}

/** Numbers may arrive as strings from some serialisations (`"443"`). */
export function asNumber(value: unknown): number | undefined | Unknown {
  if (isUnknown(value)) return UNKNOWN;
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) {
    return Number(value);
  }
  return undefined;
}

export function asBoolean(value: unknown): boolean | undefined | Unknown {
  if (isUnknown(value)) return UNKNOWN;
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

export function asString(value: unknown): string | undefined | Unknown {
  if (isUnknown(value)) return UNKNOWN;
  return typeof value === 'string' ? value : undefined;
}

/** Whether any value anywhere inside is unknown. */
export function containsUnknown(value: unknown): boolean {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (isDict(value)) return Object.values(value).some(containsUnknown);
  return false;
}

export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly unknown: boolean; readonly reason: string };

/**
 * A JSON input (`policy`, `assumeRolePolicy`, `containerDefinitions`): parses strings, accepts
 * an already structured value, and says why when it cannot.
 */
export function parseJsonInput(value: unknown): Parsed<unknown> {
  if (containsUnknown(value)) return { ok: false, unknown: true, reason: 'not known yet' };
  if (value === undefined || value === null) return { ok: false, unknown: false, reason: 'unset' };
  // The plan JSON replaces secret values by this marker: not readable, not wrong.
  if (value === REDACTED) return { ok: false, unknown: true, reason: 'redacted as a secret' };
  if (typeof value !== 'string') return { ok: true, value };
  try {
    return { ok: true, value: JSON.parse(value) as unknown };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, unknown: false, reason: `not valid JSON (${detail})` };
  }
}

/** Renders a value for a message without dumping large structures. */
export function show(value: unknown): string {
  if (isUnknown(value)) return '(unknown)';
  if (value === undefined) return '(unset)';
  const text = JSON.stringify(value) ?? typeof value;
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
