export * from './runtime';
export * from './plan';
export {
  RegionInfo,
  UnknownRegionError,
  resolveRegion,
  isKnownRegion,
  knownRegions,
} from './regions';
export { UnknownInvokeError, knownInvokes } from './invokes';
export { isKnownType, knownTypes } from './resource-state';
export { regionZones } from './zones';
export { ZONE_DATA, ZONE_DATA_AS_OF, ZONE_DATA_SOURCE, RegionZones, ZoneEntry } from './zone-data';
export { randomStringValue, DEFAULT_SPECIAL } from './random-values';
export {
  ELB_ACCOUNT_IDS,
  ELB_ACCOUNT_DATA_AS_OF,
  ELB_ACCOUNT_DATA_SOURCE,
  elbAccountId,
} from './elb-accounts';
