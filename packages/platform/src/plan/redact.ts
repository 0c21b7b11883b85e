import { parsePath, REDACTED } from '@phi-platform/offline';

/**
 * The second layer of secret protection. The recorder's secret paths already say where a secret
 * sits and `toPlanResources` replaces it; the scrubber then replaces those same values wherever
 * else they might have been copied (inside a JSON string, a tree line, a diagram label).
 */

/** Every string (and number) found at the given paths: the values that must never leak. */
export function secretValuesAt(
  value: Record<string, unknown>,
  secretPaths: readonly string[],
): string[] {
  const values: string[] = [];
  const visit = (v: unknown): void => {
    if (typeof v === 'string') values.push(v);
    else if (typeof v === 'number') values.push(String(v));
    else if (Array.isArray(v)) v.forEach(visit);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(visit);
  };
  for (const path of secretPaths) {
    let current: unknown = value;
    for (const segment of parsePath(path)) {
      current =
        current !== null && typeof current === 'object'
          ? (current as Record<string | number, unknown>)[segment]
          : undefined;
    }
    visit(current);
  }
  return values;
}

/**
 * Replaces known secret values inside any string. Values shorter than 8 characters are left
 * alone: too likely to be ordinary words or numbers, and no generated secret is that short.
 */
export class SecretScrubber {
  private readonly values: string[];

  constructor(values: Iterable<string>) {
    this.values = [...new Set(values)]
      .filter((v) => v.length >= 8 && v !== REDACTED)
      .sort((a, b) => b.length - a.length);
  }

  /** How many distinct secret values it knows. */
  public get size(): number {
    return this.values.length;
  }

  public text(text: string): string {
    let result = text;
    for (const value of this.values) {
      if (result.includes(value)) result = result.split(value).join(REDACTED);
    }
    return result;
  }

  /** A deep copy of a JSON value with every string (and key) scrubbed. */
  public json<T>(value: T): T {
    const visit = (v: unknown): unknown => {
      if (typeof v === 'string') return this.text(v);
      if (Array.isArray(v)) return v.map(visit);
      if (v !== null && typeof v === 'object') {
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [this.text(k), visit(x)]));
      }
      return v;
    };
    return visit(value) as T;
  }
}
