import { isAllowedLogRetention, LOG_RETENTION_ALLOWED, logGroupArn } from '../src';

describe('log groups', () => {
  it.each([
    [365, true],
    [3653, true],
    [180, false],
    [366, false],
    ['365', false],
  ])('retention %p allowed: %p', (days, allowed) => {
    expect(isAllowedLogRetention(days)).toBe(allowed);
  });

  it('says which retention values are allowed', () => {
    expect(LOG_RETENTION_ALLOWED).toBe(
      'one of 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653',
    );
  });

  it('builds a log group ARN in the deploying partition', () => {
    const ctx = {
      region: 'cn-north-1',
      accountId: '123456789012',
      partition: 'aws-cn',
      dnsSuffix: 'amazonaws.com.cn',
    };
    expect(logGroupArn(ctx, '/phi/app')).toBe(
      'arn:aws-cn:logs:cn-north-1:123456789012:log-group:/phi/app',
    );
  });
});
