import { describeStackPlans } from './plan-cases';

describeStackPlans('staging');
