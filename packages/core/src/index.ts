export * from './arn';
export * from './aws-context';
export * from './logs';
export * from './naming';
export * from './policy-document';
export * from './validation';
export * from './arn-like';
export * from './elb-log-delivery';
