export * from './regions';
export * from './settings';
