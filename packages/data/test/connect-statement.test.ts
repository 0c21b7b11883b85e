import { InvalidSettingsError } from '@phi-platform/core';
import { rdsConnectStatement, rdsDbUserArn } from '../src';

const contexts = [
  { partition: 'aws', region: 'us-east-1', accountId: '123456789012' },
  { partition: 'aws-us-gov', region: 'us-gov-west-1', accountId: '123456789012' },
  { partition: 'aws-cn', region: 'cn-northwest-1', accountId: '123456789012' },
];

describe('rdsConnectStatement', () => {
  it.each(contexts)('names the db user by resource id in $partition', (ctx) => {
    expect(
      rdsConnectStatement({ ctx, clusterResourceId: 'cluster-ABCDEF', dbUser: 'app', sid: 'Db' }),
    ).toEqual({
      Sid: 'Db',
      Effect: 'Allow',
      Action: 'rds-db:connect',
      Resource: `arn:${ctx.partition}:rds-db:${ctx.region}:123456789012:dbuser:cluster-ABCDEF/app`,
    });
  });

  it('leaves Sid out when none is given', () => {
    const statement = rdsConnectStatement({
      ctx: contexts[0]!,
      clusterResourceId: 'cluster-X',
      dbUser: 'reporting_ro',
    });
    expect(statement).not.toHaveProperty('Sid');
    expect(rdsDbUserArn(contexts[0]!, 'cluster-X', 'reporting_ro')).toBe(
      'arn:aws:rds-db:us-east-1:123456789012:dbuser:cluster-X/reporting_ro',
    );
  });

  it.each(['*', 'app*', '', 'a-b', '9app'])('refuses the db user %j', (dbUser) => {
    const run = () => rdsConnectStatement({ ctx: contexts[0]!, clusterResourceId: 'c', dbUser });
    expect(run).toThrow(InvalidSettingsError);
    expect(run).toThrow(
      `Invalid settings for connectStatement (1):\n  - dbUser: got ${JSON.stringify(dbUser)}; ` +
        'allowed: 1 to 63 letters, digits or underscores, starting with a letter or underscore ' +
        '(one database user per statement; no wildcards)',
    );
  });
});
