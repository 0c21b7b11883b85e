/**
 * The CrossGuard entry point, loaded by `pack/index.js` when the Pulumi engine runs the pack.
 * Constructing the PolicyPack starts the analyzer server and waits for the engine, so nothing
 * else imports this module (index.ts does not).
 */
import { PolicyPack } from '@pulumi/policy';
import { crossGuardPolicies } from './crossguard';
import { POLICY_PACK_NAME } from './version';

new PolicyPack(POLICY_PACK_NAME, {
  description: 'HIPAA checks of the phi-platform: encryption, TLS, least privilege, retention.',
  provider: 'aws',
  tags: ['hipaa'],
  policies: crossGuardPolicies(),
});
