import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The deploy targets as projen generated them into each stack's package.json (Nx reads these). */
const root = join(__dirname, '..', '..');
function scripts(env: string): Record<string, string> {
  const pkg = JSON.parse(readFileSync(join(root, 'stacks', env, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  return pkg.scripts;
}

describe('stack deploy targets', () => {
  it.each(['dev', 'staging'])(
    '%s runs every verb with its own stack fixed before the verb',
    (env) => {
      const s = scripts(env);
      for (const verb of ['preview', 'up', 'refresh', 'destroy']) {
        expect(s[verb]).toBe(`phi-stack pulumi --stack ${env} ${verb}`);
      }
    },
  );

  it('prod has no destroy target', () => {
    const s = scripts('prod');
    expect(s.up).toBe('phi-stack pulumi --stack prod up');
    expect(s.preview).toBe('phi-stack pulumi --stack prod preview');
    expect(s.destroy).toBeUndefined();
  });

  it.each(['dev', 'staging', 'prod'])('%s plans offline into plan/ for CI artifacts', (env) => {
    expect(
      JSON.parse(readFileSync(join(root, 'stacks', env, '.projen', 'tasks.json'), 'utf8')),
    ).toMatchObject({
      tasks: {
        plan: {
          steps: [
            { exec: `phi-stack plan --stack ${env} --json plan/plan.json --mermaid plan/plan.mmd` },
          ],
        },
      },
    });
  });
});
