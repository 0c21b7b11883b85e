/**
 * All resources of a program, with the lookups stack policies need: by type, by URN, and from a
 * reference value (an id or ARN in some input) to the declared resource it names.
 *
 * A reference is matched, in order, by value against the target's known identifiers (`id`,
 * `arn`, `name`), then through `propertyDependencies` of the input that holds it, then through
 * `dependsOn`, and only when exactly one resource of the wanted type qualifies. A known value
 * that matches nothing while the candidates' identifiers are known is `external` (not declared
 * in this program); anything else that cannot be matched is `unresolved`, never a guess.
 */
import { PlanResource } from './types';
import { isDict, isUnknown, list } from './values';

export type Resolution =
  | { readonly kind: 'found'; readonly resource: PlanResource }
  | { readonly kind: 'external'; readonly value: string }
  | { readonly kind: 'unset' }
  | { readonly kind: 'unresolved'; readonly reason: string };

export interface ManyResolution {
  readonly resources: readonly PlanResource[];
  /** Known values that name nothing declared here. */
  readonly external: readonly string[];
  /** Reasons for values that could be matched neither way. */
  readonly unresolved: readonly string[];
}

const IDENTITY_KEYS = ['id', 'arn', 'name', 'keyId', 'family', 'arnWithoutRevision'];

export class ResourceGraph {
  private readonly byUrnMap: Map<string, PlanResource>;

  constructor(public readonly resources: readonly PlanResource[]) {
    this.byUrnMap = new Map(resources.map((r) => [r.urn, r]));
  }

  public ofType(...types: string[]): PlanResource[] {
    return this.resources.filter((r) => types.includes(r.type));
  }

  public byUrn(urn: string): PlanResource | undefined {
    return this.byUrnMap.get(urn);
  }

  /** Known identifiers of a resource: its id and the `id`/`arn`/`name` it reports. */
  public identifiers(resource: PlanResource): string[] {
    const found = new Set<string>();
    if (typeof resource.id === 'string' && resource.id !== '') found.add(resource.id);
    for (const source of [resource.state]) {
      if (!isDict(source)) continue;
      for (const key of IDENTITY_KEYS) {
        const value = source[key];
        if (typeof value === 'string' && value !== '') found.add(value);
      }
    }
    return [...found];
  }

  /** The declared resource of one of `types` that reports `value` as its id, ARN or name. */
  public findByIdentifier(value: string, types: readonly string[]): PlanResource | undefined {
    return this.resources.find(
      (r) => types.includes(r.type) && this.identifiers(r).includes(value),
    );
  }

  /** The resource a single-valued input names. `prop` is the top-level input holding it. */
  public resolve(
    from: PlanResource,
    prop: string,
    value: unknown,
    types: readonly string[],
  ): Resolution {
    if (value === undefined || value === null || value === '') return { kind: 'unset' };
    const candidates = this.resources.filter((r) => types.includes(r.type));
    if (typeof value === 'string') {
      const match = candidates.find((c) => this.identifiers(c).includes(value));
      if (match) return { kind: 'found', resource: match };
      if (candidates.some((c) => this.identifiers(c).length > 0)) {
        return { kind: 'external', value };
      }
    }
    const deps = this.dependencies(from, prop).filter((r) => types.includes(r.type));
    if (deps.length === 1 && deps[0]) return { kind: 'found', resource: deps[0] };
    if (typeof value === 'string' && deps.length === 0 && !this.knowsDependencies(from)) {
      return { kind: 'unresolved', reason: `cannot tell which resource ${prop} names` };
    }
    if (typeof value === 'string' && deps.length === 0) return { kind: 'external', value };
    return {
      kind: 'unresolved',
      reason:
        deps.length > 1
          ? `${prop} depends on ${deps.length} resources of type ${types.join('/')}`
          : `${prop} is not known yet`,
    };
  }

  /** The resources a list-valued input (`subnets`, `securityGroupIds`) names. */
  public resolveMany(
    from: PlanResource,
    prop: string,
    values: unknown,
    types: readonly string[],
  ): ManyResolution {
    const items = list(values);
    const candidates = this.resources.filter((r) => types.includes(r.type));
    const identified = candidates.some((c) => this.identifiers(c).length > 0);
    const found = new Set<PlanResource>();
    const external: string[] = [];
    let unmatched = isUnknown(items) ? 1 : 0;
    for (const item of isUnknown(items) ? [] : items) {
      const match =
        typeof item === 'string'
          ? candidates.find((c) => this.identifiers(c).includes(item))
          : undefined;
      if (match) found.add(match);
      else if (typeof item === 'string' && identified) external.push(item);
      else unmatched += 1;
    }
    const unresolved: string[] = [];
    if (unmatched > 0) {
      const deps = this.dependencies(from, prop).filter((r) => types.includes(r.type));
      if (deps.length > 0) for (const dep of deps) found.add(dep);
      else unresolved.push(`cannot tell which resources ${prop} names`);
    }
    return { resources: [...found], external, unresolved };
  }

  /** Resources whose outputs flowed into `prop`, or every dependency when that is not known. */
  public dependencies(from: PlanResource, prop: string): PlanResource[] {
    const urns = from.propertyDependencies?.[prop] ?? from.dependsOn;
    return urns.map((urn) => this.byUrnMap.get(urn)).filter((r): r is PlanResource => !!r);
  }

  private knowsDependencies(from: PlanResource): boolean {
    return from.propertyDependencies !== undefined || from.dependsOn.length > 0;
  }
}
