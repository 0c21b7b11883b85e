import { ELB_ACCOUNT_IDS } from '@phi-platform/offline';
import { ELB_ACCOUNT_REGIONS, elbLogsFromAccount } from '../src';

describe('elbLogsFromAccount', () => {
  test.each([
    ['us-east-1', true],
    ['eu-central-1', true],
    ['us-gov-west-1', true],
    ['cn-northwest-1', true],
    ['ap-southeast-3', true],
    ['ap-southeast-7', false],
    ['me-central-1', false],
    ['eu-central-2', false],
    ['ca-west-1', false],
    ['toString', false],
  ])('%s -> %p', (region, expected) => {
    expect(elbLogsFromAccount(region)).toBe(expected);
  });

  test('names exactly the regions the mocked provider has an account for', () => {
    expect([...ELB_ACCOUNT_REGIONS].sort()).toEqual(Object.keys(ELB_ACCOUNT_IDS).sort());
  });
});
