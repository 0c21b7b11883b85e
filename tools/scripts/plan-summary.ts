/**
 * Prints a Markdown summary of the offline plans found under stacks/<env>/plan/*.json, for a CI
 * job summary: resources by type and policy violations per stack. Reads only the plan JSON
 * contract (see ARCHITECTURE.md), so it never sees a secret value.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface PlanViolation {
  readonly policy: string;
  readonly level: 'mandatory' | 'advisory';
  readonly urn: string;
  readonly message: string;
}

export interface PlanJson {
  readonly stack: string;
  readonly region: string;
  readonly partition: string;
  readonly resources: ReadonlyArray<{ readonly type: string }>;
  readonly violations: readonly PlanViolation[];
}

export function summarizePlan(plan: PlanJson): string {
  const counts = new Map<string, number>();
  for (const r of plan.resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  const mandatory = plan.violations.filter((v) => v.level === 'mandatory').length;
  const lines = [
    `### ${plan.stack} (${plan.region}, partition ${plan.partition})`,
    '',
    `${plan.resources.length} resources; ${mandatory} mandatory and ` +
      `${plan.violations.length - mandatory} advisory policy violations.`,
    '',
    '| resource type | count |',
    '| --- | ---: |',
    ...[...counts.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([t, n]) => `| \`${t}\` | ${n} |`),
  ];
  if (plan.violations.length > 0) {
    lines.push('', '| level | policy | resource | message |', '| --- | --- | --- | --- |');
    for (const v of plan.violations) {
      const name = v.urn.split('::').at(-1) ?? v.urn;
      lines.push(`| ${v.level} | ${v.policy} | ${name} | ${v.message.replace(/\|/g, '\\|')} |`);
    }
  }
  return lines.join('\n');
}

export function findPlans(root: string): string[] {
  const stacks = join(root, 'stacks');
  if (!existsSync(stacks)) return [];
  return readdirSync(stacks).flatMap((env) => {
    const dir = join(stacks, env, 'plan');
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => join(dir, f));
  });
}

if (require.main === module) {
  const plans = findPlans(join(__dirname, '..', '..'));
  const sections = plans.map((file) =>
    summarizePlan(JSON.parse(readFileSync(file, 'utf8')) as PlanJson),
  );
  process.stdout.write(
    ['## Offline plans', '', ...(sections.length ? sections : ['No stack was affected.'])].join(
      '\n\n',
    ) + '\n',
  );
}
