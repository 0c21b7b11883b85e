import { AwsContext, formatArn, InvalidSettingsError, PolicyStatement } from '@phi-platform/core';

/** PostgreSQL role names the statement may name: an unquoted identifier, no wildcard. */
const DB_USER = /^[a-zA-Z_][a-zA-Z0-9_]{0,62}$/;

/**
 * The `rds-db:connect` ARN of one database user. IAM matches it against the cluster's resource
 * id (`cluster-ABC...`), not its name, so renaming or recreating the cluster never silently
 * grants access to a different database.
 */
export function rdsDbUserArn(
  ctx: Pick<AwsContext, 'partition' | 'region' | 'accountId'>,
  clusterResourceId: string,
  dbUser: string,
): string {
  return formatArn({
    partition: ctx.partition,
    service: 'rds-db',
    region: ctx.region,
    accountId: ctx.accountId,
    resource: `dbuser:${clusterResourceId}/${dbUser}`,
  });
}

/** Throws unless `dbUser` is a plain PostgreSQL role name (wildcards would grant every user). */
export function checkDbUser(dbUser: string): void {
  if (!DB_USER.test(dbUser)) {
    throw new InvalidSettingsError('connectStatement', [
      {
        setting: 'dbUser',
        value: dbUser,
        allowed: '1 to 63 letters, digits or underscores, starting with a letter or underscore',
        reason: 'one database user per statement; no wildcards',
      },
    ]);
  }
}

/** An IAM statement letting its holder connect to the cluster as `dbUser` with IAM auth. */
export function rdsConnectStatement(input: {
  readonly ctx: Pick<AwsContext, 'partition' | 'region' | 'accountId'>;
  readonly clusterResourceId: string;
  readonly dbUser: string;
  readonly sid?: string;
}): PolicyStatement {
  checkDbUser(input.dbUser);
  return {
    ...(input.sid === undefined ? {} : { Sid: input.sid }),
    Effect: 'Allow',
    Action: 'rds-db:connect',
    Resource: rdsDbUserArn(input.ctx, input.clusterResourceId, input.dbUser),
  };
}
