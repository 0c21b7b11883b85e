import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { POLICIES, WAIVERS } from '../src';

describe('README', () => {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

  it.each(POLICIES.map((p) => [p.id, p]))(
    'lists %s with its level and derivations',
    (id, policy) => {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${id}\` |`));
      expect(row).toBeDefined();
      expect(row).toContain(`${policy.level} (${policy.catalogueSeverity})`);
      for (const rule of policy.derivedFrom) expect(row).toContain(rule);
    },
  );

  it.each(WAIVERS.map((w) => [w.id, w.policy]))('lists waiver %s for %s', (id, policy) => {
    expect(readme).toContain(`| \`${id}\` | ${policy} |`);
  });
});
