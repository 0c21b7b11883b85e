import { serviceTrustPolicy } from '../src';

const gov = {
  region: 'us-gov-west-1',
  accountId: '123456789012',
  partition: 'aws-us-gov',
  dnsSuffix: 'amazonaws.com',
};

describe('serviceTrustPolicy', () => {
  it('limits the service to this account and, with a source ARN, to those resources', () => {
    expect(
      serviceTrustPolicy(gov, {
        sid: 'FlowLogs',
        servicePrincipal: 'vpc-flow-logs.amazonaws.com',
        sourceArn: { service: 'ec2', resource: 'vpc-flow-log/*' },
      }),
    ).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'FlowLogs',
          Effect: 'Allow',
          Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: {
            StringEquals: { 'aws:SourceAccount': '123456789012' },
            ArnLike: {
              'aws:SourceArn': 'arn:aws-us-gov:ec2:us-gov-west-1:123456789012:vpc-flow-log/*',
            },
          },
        },
      ],
    });
  });

  it('has only the account condition when the service sends no source ARN', () => {
    const doc = serviceTrustPolicy(gov, { sid: 'Ecs', servicePrincipal: 'ecs.amazonaws.com' });
    expect(doc.Statement[0]?.Condition).toEqual({
      StringEquals: { 'aws:SourceAccount': '123456789012' },
    });
  });
});
