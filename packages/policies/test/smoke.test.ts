import { evaluatePolicies, POLICIES, RESOURCE_TYPES as T } from '../src';
import { KEY_ARN, res } from './fixtures';

describe('evaluatePolicies', () => {
  it('reports an unencrypted, short-lived log group under LOG-01 and LOG-03', () => {
    const group = res(T.logGroup, 'app', { name: '/app', retentionInDays: 7 });
    const result = evaluatePolicies([group], { region: 'us-east-1', partition: 'aws' });
    const ids = result.violations.map((v) => v.policy);
    expect(ids).toEqual(expect.arrayContaining(['LOG-01', 'LOG-03']));
    expect(result.policies).toEqual(POLICIES.map((p) => p.id));
  });

  it('accepts an encrypted log group kept a year', () => {
    const group = res(T.logGroup, 'app', { name: '/app', retentionInDays: 365, kmsKeyId: KEY_ARN });
    const result = evaluatePolicies([group], {
      policies: POLICIES.filter((p) => p.kind === 'resource'),
    });
    expect(result.violations).toEqual([]);
  });
});
