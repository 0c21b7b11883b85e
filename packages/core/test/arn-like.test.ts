import { arnLike, wildcardMatch } from '../src';

describe('wildcardMatch', () => {
  it.each([
    ['', '', true],
    ['*', '', true],
    ['*', 'anything', true],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['a*c', 'ac', true],
    ['a*c', 'abbbc', true],
    ['a*c', 'abbbd', false],
    ['*-1', 'us-east-1', true],
    ['us-*-1', 'us-gov-west-1', true],
    ['ab', 'abc', false],
    ['abc', 'ab', false],
    ['a*b*c', 'a-b-x-c', true],
    ['a*b*c', 'a-x-c', false],
    ['ABC', 'abc', false],
    ['.*', 'x', false],
    ['[ab]', 'a', false],
  ])('%p against %p is %p', (pattern, text, expected) => {
    expect(wildcardMatch(pattern, text)).toBe(expected);
  });
});

describe('arnLike', () => {
  const logGroups = 'arn:aws:logs:us-east-1:123456789012:log-group:*';

  it.each([
    [logGroups, 'arn:aws:logs:us-east-1:123456789012:log-group:/ecs/api', true],
    // The resource component keeps its colons, and `*` spans them.
    [logGroups, 'arn:aws:logs:us-east-1:123456789012:log-group:/ecs/api:*', true],
    [logGroups, 'arn:aws:logs:us-west-2:123456789012:log-group:/ecs/api', false],
    [logGroups, 'arn:aws:logs:us-east-1:210987654321:log-group:/ecs/api', false],
    [logGroups, 'arn:aws-us-gov:logs:us-east-1:123456789012:log-group:/ecs/api', false],
    [logGroups, 'arn:aws:logs:us-east-1:123456789012:destination:x', false],
    [logGroups, 'arn:aws:logs:us-east-1:123456789012', false],
    // A `*` in one component never swallows the next one.
    ['arn:aws:logs:*:123456789012:log-group:*', 'arn:aws:logs:a:b:123456789012:log-group:x', false],
    [
      'arn:aws:logs:*:123456789012:log-group:*',
      'arn:aws:logs:eu-west-1:123456789012:log-group:x',
      true,
    ],
    ['arn:aws:logs:us-east-?:*:log-group:x', 'arn:aws:logs:us-east-2:1:log-group:x', true],
    ['arn:aws:logs:us-east-?:*:log-group:x', 'arn:aws:logs:us-east-12:1:log-group:x', false],
    ['arn:*:iam::*:role/app-*', 'arn:aws-cn:iam::123456789012:role/app-web', true],
    ['arn:*:iam::*:role/app-*', 'arn:aws-cn:iam::123456789012:user/app-web', false],
    ['*', 'arn:aws:s3:::bucket', true],
    ['not-an-arn', 'not-an-arn', false],
  ])('ArnLike %p admits %p: %p', (pattern, arn, expected) => {
    expect(arnLike(pattern, arn)).toBe(expected);
  });
});
