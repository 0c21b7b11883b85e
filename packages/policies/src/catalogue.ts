/** Every policy of the pack, in the order the README lists them. */
import { PolicyDefinition } from './definitions';
import { CROSS_KEY_POLICIES } from './rules/cross-keys';
import { CROSS_MISC_POLICIES } from './rules/cross-misc';
import { CROSS_NETWORK_POLICIES } from './rules/cross-network';
import { CROSS_ROLE_POLICIES } from './rules/cross-roles';
import { DATA_STORE_POLICIES } from './rules/data-stores';
import { ECS_POLICIES } from './rules/ecs';
import { IAM_POLICIES } from './rules/iam';
import { KMS_POLICIES } from './rules/kms';
import { LOAD_BALANCING_POLICIES } from './rules/load-balancing';
import { LOG_POLICIES } from './rules/logs';
import { NETWORK_POLICIES } from './rules/network';
import { SECURITY_GROUP_POLICIES } from './rules/security-groups';

export const POLICIES: readonly PolicyDefinition[] = [
  ...KMS_POLICIES,
  ...NETWORK_POLICIES,
  ...SECURITY_GROUP_POLICIES,
  ...LOG_POLICIES,
  ...IAM_POLICIES,
  ...DATA_STORE_POLICIES,
  ...ECS_POLICIES,
  ...LOAD_BALANCING_POLICIES,
  ...CROSS_KEY_POLICIES,
  ...CROSS_ROLE_POLICIES,
  ...CROSS_NETWORK_POLICIES,
  ...CROSS_MISC_POLICIES,
];

/** Refuses duplicate ids: ids are the stable contract with plans, waivers and the engine. */
function checkUnique(policies: readonly PolicyDefinition[]): void {
  const seen = new Set<string>();
  for (const policy of policies) {
    if (seen.has(policy.id)) throw new Error(`Policy id ${policy.id} is defined twice`);
    seen.add(policy.id);
  }
}
checkUnique(POLICIES);

export function policyById(id: string): PolicyDefinition | undefined {
  return POLICIES.find((policy) => policy.id === id);
}
