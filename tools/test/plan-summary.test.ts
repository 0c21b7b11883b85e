import { summarizePlan } from '../scripts/plan-summary';

describe('plan summary', () => {
  it('counts resources by type and lists violations', () => {
    const text = summarizePlan({
      stack: 'prod',
      region: 'us-gov-west-1',
      partition: 'aws-us-gov',
      resources: [
        { type: 'aws:kms/key:Key' },
        { type: 'aws:ec2/subnet:Subnet' },
        { type: 'aws:ec2/subnet:Subnet' },
      ],
      violations: [
        {
          policy: 'LOG-01',
          level: 'mandatory',
          urn: 'urn:pulumi:prod::phi-platform::aws:cloudwatch/logGroup:LogGroup::app-logs',
          message: 'not encrypted | use the platform key',
        },
      ],
    });
    expect(text.split('\n')).toEqual([
      '### prod (us-gov-west-1, partition aws-us-gov)',
      '',
      '3 resources; 1 mandatory and 0 advisory policy violations.',
      '',
      '| resource type | count |',
      '| --- | ---: |',
      '| `aws:ec2/subnet:Subnet` | 2 |',
      '| `aws:kms/key:Key` | 1 |',
      '',
      '| level | policy | resource | message |',
      '| --- | --- | --- | --- |',
      '| mandatory | LOG-01 | app-logs | not encrypted \\| use the platform key |',
    ]);
  });
});
