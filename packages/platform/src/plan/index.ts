export * from './plan';
export * from './plan-json';
export * from './redact';
export * from './render-mermaid';
export * from './render-tree';
export * from '../stack-config';
