export * from './cidr';
export * from './endpoints';
export * from './flow-log-policies';
export * from './Network';
export * from './network-settings';
export * from './subnet-plan';
export * from './TrafficGroup';
export * from './zones';
