import { describeStackPlans } from './plan-cases';

describeStackPlans('prod');
