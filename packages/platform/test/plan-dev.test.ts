import { describeStackPlans } from './plan-cases';

describeStackPlans('dev');
