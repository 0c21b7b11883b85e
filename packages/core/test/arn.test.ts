import { formatArn, parseArn } from '../src';

describe('formatArn', () => {
  it.each([
    ['aws', 'us-east-1', 'arn:aws:kms:us-east-1:123456789012:key/k1'],
    ['aws-us-gov', 'us-gov-west-1', 'arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/k1'],
    ['aws-cn', 'cn-northwest-1', 'arn:aws-cn:kms:cn-northwest-1:123456789012:key/k1'],
  ])('builds a key ARN in partition %s', (partition, region, expected) => {
    const arn = formatArn({
      partition,
      service: 'kms',
      region,
      accountId: '123456789012',
      resource: 'key/k1',
    });
    expect(arn).toBe(expected);
  });

  it('keeps colons inside the resource and round-trips through parseArn', () => {
    const arn = 'arn:aws-cn:logs:cn-north-1:123456789012:log-group:/phi/app:*';
    expect(parseArn(arn)).toEqual({
      partition: 'aws-cn',
      service: 'logs',
      region: 'cn-north-1',
      accountId: '123456789012',
      resource: 'log-group:/phi/app:*',
    });
    expect(formatArn(parseArn(arn))).toBe(arn);
  });

  it('rejects something that is not an ARN, naming it', () => {
    expect(() => parseArn('key/k1')).toThrow('"key/k1" is not an ARN');
  });
});
