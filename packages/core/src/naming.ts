/**
 * Names of child resources, derived from the component's own name so two instances of a
 * component never collide and a reader can tell what each resource belongs to.
 */

/** `db` + `cluster` gives `db-cluster`. */
export function childName(componentName: string, part: string): string {
  return `${componentName}-${part}`;
}

/**
 * A physical name that fits an AWS limit: lower case letters, digits and hyphens, starting with a
 * letter, cut to `maxLength` (Aurora cluster ids 63, ElastiCache replication groups 40, ...).
 */
export function physicalName(parts: readonly string[], maxLength: number): string {
  const joined = parts
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '');
  if (joined.length === 0) {
    throw new Error(`Cannot derive a name from ${JSON.stringify(parts)}: no letter to start with`);
  }
  return joined.slice(0, maxLength).replace(/-+$/, '');
}

/** Tags every resource of the platform carries. */
export function standardTags(input: {
  readonly environment: string;
  readonly component?: string;
}): Record<string, string> {
  return {
    'phi-platform:environment': input.environment,
    'phi-platform:managed-by': 'pulumi',
    'phi-platform:data-classification': 'phi',
    ...(input.component ? { 'phi-platform:component': input.component } : {}),
  };
}
