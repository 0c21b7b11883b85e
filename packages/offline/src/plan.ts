import { RecordedResource } from './runtime';

/** The resource entry of the plan JSON (docs ARCHITECTURE.md, "The offline plan"). */
export interface PlanResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly parent: string | null;
  readonly inputs: Record<string, unknown>;
  readonly secretPaths: string[];
  readonly dependsOn: string[];
}

export interface ToPlanOptions {
  /**
   * Replace every secret value with `"[secret]"`. Only a test that must see values should
   * turn this off; a plan that leaves the process must never do so.
   * @default true
   */
  readonly redactSecrets?: boolean;
}

/** The placeholder written where a secret value was. */
export const REDACTED = '[secret]';

/** Splits `a.b[0]["x-y"]` into `['a', 'b', 0, 'x-y']`. */
export function parsePath(path: string): (string | number)[] {
  const parts: (string | number)[] = [];
  const re = /([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path)) !== null) {
    if (m[1] !== undefined) parts.push(m[1]);
    else if (m[2] !== undefined) parts.push(Number(m[2]));
    else if (m[3] !== undefined) parts.push(JSON.parse(m[3]) as string);
  }
  return parts;
}

function clone(v: unknown): unknown {
  return v === undefined ? undefined : (JSON.parse(JSON.stringify(v)) as unknown);
}

/** A deep copy of `value` with the value at each path replaced by `"[secret]"`. */
export function redactPaths(
  value: Record<string, unknown>,
  paths: readonly string[],
): Record<string, unknown> {
  const copy = (clone(value) ?? {}) as Record<string, unknown>;
  for (const path of paths) {
    const parts = parsePath(path);
    if (parts.length === 0) return { [REDACTED]: REDACTED };
    let node: unknown = copy;
    for (let i = 0; i < parts.length - 1; i++) {
      node = (node as Record<string | number, unknown> | undefined)?.[parts[i] as string | number];
    }
    const last = parts[parts.length - 1] as string | number;
    if (node !== null && typeof node === 'object' && last in node) {
      (node as Record<string | number, unknown>)[last] = REDACTED;
    }
  }
  return copy;
}

/** Plan entries for recorded resources, secrets replaced by `"[secret]"` by default. */
export function toPlanResources(
  recorded: readonly RecordedResource[],
  options: ToPlanOptions = {},
): PlanResource[] {
  const redact = options.redactSecrets ?? true;
  return recorded.map((r) => ({
    urn: r.urn,
    type: r.type,
    name: r.name,
    parent: r.parent,
    inputs: redact
      ? redactPaths(r.inputs, r.secretPaths)
      : ((clone(r.inputs) ?? {}) as Record<string, unknown>),
    secretPaths: [...r.secretPaths],
    dependsOn: [...r.dependsOn],
  }));
}
