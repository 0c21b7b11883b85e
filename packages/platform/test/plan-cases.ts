import { runPlan } from '../src/plan';
import { generatedSecrets, programOf, stackDir } from './plan-support';

export const REGIONS = [
  ['us-east-1', 'aws'],
  ['eu-central-1', 'aws'],
  ['us-west-1', 'aws'],
  ['ap-southeast-7', 'aws'],
  ['us-gov-west-1', 'aws-us-gov'],
  ['cn-northwest-1', 'aws-cn'],
] as const;

/** The plan of one stack in every region above: one test file per stack, so Jest runs them in parallel. */
export function describeStackPlans(env: string): void {
  describe(`plan of ${env} in every partition`, () => {
    it.each(REGIONS)('%s (%s)', async (region, partition) => {
      const result = await runPlan({
        stack: env,
        stackDir: stackDir(env),
        region,
        program: programOf(env),
      });
      const { plan } = result;
      expect([plan.stack, plan.region, plan.partition, plan.accountId]).toEqual([
        env,
        region,
        partition,
        '123456789012',
      ]);
      expect(plan.policyPack.name).toBe('phi-platform-hipaa');
      expect(plan.policyPack.policies.length).toBeGreaterThan(20);

      // Every ARN the plan holds is in the region's partition.
      const arns = JSON.stringify(plan).match(/arn:[a-z-]+:/g) ?? [];
      expect(new Set(arns)).toEqual(new Set([`arn:${partition}:`]));

      const mandatory = plan.violations.filter((v) => v.level === 'mandatory');
      expect(mandatory).toEqual([]);
      expect(result.exitCode).toBe(0);
      // Exceptions are visible in the plan, with their reason, never skipped silently.
      expect(plan.waivers.map((w) => w.waiver)).toEqual(
        expect.arrayContaining(['cache-auth-token-rotated-by-redeploy']),
      );

      // No secret value the mocks generated appears anywhere the plan writes.
      const secrets = generatedSecrets(result.recorded);
      expect(secrets.length).toBeGreaterThan(0);
      const written = [JSON.stringify(plan), result.tree, result.summary, result.mermaid].join(
        '\n',
      );
      for (const secret of secrets) expect(written.includes(secret)).toBe(false);
      expect(written).toContain('[secret]');
    });
  });
}
