export * from './versions';
export * from './phi-package';
export * from './component-package';
export * from './stack-package';
export * from './workspace';
export * from './release';
