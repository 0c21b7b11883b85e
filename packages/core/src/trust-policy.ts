import { formatArn } from './arn';
import { AwsContext } from './aws-context';
import { policyDocument, PolicyDocument, PolicyStatement } from './policy-document';

export interface ServiceTrust {
  readonly sid: string;
  /** The service principal that may assume the role, e.g. `ecs-tasks.amazonaws.com`. */
  readonly servicePrincipal: string;
  /**
   * The resources on whose behalf the service may assume the role, as `service` and `resource`
   * of an ARN in this account and region (`{ service: 'ec2', resource: 'vpc-flow-log/*' }`).
   * Omit it where the service sends no source ARN.
   */
  readonly sourceArn?: { readonly service: string; readonly resource: string };
}

/**
 * A trust policy that lets one AWS service assume a role only for this account (and, with
 * `sourceArn`, only for those resources): the confused-deputy conditions `aws:SourceAccount`
 * and `aws:SourceArn`.
 */
export function serviceTrustPolicy(ctx: AwsContext, trust: ServiceTrust): PolicyDocument {
  const statement: PolicyStatement = {
    Sid: trust.sid,
    Effect: 'Allow',
    Principal: { Service: trust.servicePrincipal },
    Action: 'sts:AssumeRole',
    Condition: {
      StringEquals: { 'aws:SourceAccount': ctx.accountId },
      ...(trust.sourceArn
        ? {
            ArnLike: {
              'aws:SourceArn': formatArn({
                partition: ctx.partition,
                service: trust.sourceArn.service,
                region: ctx.region,
                accountId: ctx.accountId,
                resource: trust.sourceArn.resource,
              }),
            },
          }
        : {}),
    },
  };
  return policyDocument([statement]);
}
