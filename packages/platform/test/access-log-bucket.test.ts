import { installMocks } from '@phi-platform/offline';
import { AccessLogBucket } from '../src';

const ACCOUNT = '123456789012';

const CASES = [
  { region: 'us-east-1', partition: 'aws', elbAccount: '127311923021' },
  { region: 'eu-central-1', partition: 'aws', elbAccount: '054676820928' },
  { region: 'ap-southeast-7', partition: 'aws', elbAccount: undefined },
  { region: 'us-gov-west-1', partition: 'aws-us-gov', elbAccount: '048591011584' },
  { region: 'cn-northwest-1', partition: 'aws-cn', elbAccount: '037604701340' },
];

describe.each(CASES)('AccessLogBucket in $region', ({ region, partition, elbAccount }) => {
  test('grants log delivery to the principal the region delivers as', async () => {
    const rt = installMocks({ region });
    await rt.run(() => new AccessLogBucket('logs', { prefix: 'alb', environment: 'test' }));
    const bucket = rt.one('aws:s3/bucket:Bucket');
    const arn = `arn:${partition}:s3:::${String(bucket.id)}`;
    const logs = `${arn}/alb/AWSLogs/${ACCOUNT}/*`;
    const policy = JSON.parse(
      String(rt.one('aws:s3/bucketPolicy:BucketPolicy').inputs['policy']),
    ) as unknown;
    const elbStatement =
      elbAccount === undefined
        ? []
        : [
            {
              Sid: 'ElbAccountLogDelivery',
              Effect: 'Allow',
              Principal: { AWS: `arn:${partition}:iam::${elbAccount}:root` },
              Action: 's3:PutObject',
              Resource: logs,
            },
          ];
    expect(policy).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DenyPlainHttp',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: [arn, `${arn}/*`],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
        {
          Sid: 'ElbLogDelivery',
          Effect: 'Allow',
          Principal: { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: logs,
        },
        ...elbStatement,
      ],
    });
    // The provider is asked only where it has an answer.
    expect(
      rt.invokes.filter((i) => i.token === 'aws:elb/getServiceAccount:getServiceAccount'),
    ).toHaveLength(elbAccount === undefined ? 0 : 1);
  });
});
