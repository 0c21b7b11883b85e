/**
 * The `ArnLike` condition operator as IAM evaluates it, so tests and the policy pack can say
 * whether a policy written as data would admit a given ARN.
 *
 * IAM splits both the pattern and the ARN into their six colon-separated components
 * (`arn`, partition, service, region, account, resource) and compares each component on its
 * own: `*` stands for any run of characters (also none) and `?` for exactly one, and neither can
 * reach across into the next component. The resource component is everything after the fifth
 * colon, so inside it a `*` does cross colons (`log-group:*` admits `log-group:/a:*`).
 * Matching is case-sensitive.
 */

const COMPONENTS = 6;

/** The six components, or undefined when `value` has fewer than six. */
function components(value: string): string[] | undefined {
  const pieces = value.split(':');
  if (pieces.length < COMPONENTS) return undefined;
  return [...pieces.slice(0, COMPONENTS - 1), pieces.slice(COMPONENTS - 1).join(':')];
}

/**
 * Whether `text` matches `pattern` where `*` is any run of characters and `?` is one
 * character. Greedy with a single backtrack point, linear in practice and free of regular
 * expressions, so a pattern from a policy can never be read as regex syntax.
 */
export function wildcardMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let starAt = -1;
  let resumeAt = 0;
  while (t < text.length) {
    const wanted = pattern[p];
    if (wanted === '*') {
      starAt = p;
      resumeAt = t;
      p += 1;
    } else if (wanted !== undefined && (wanted === '?' || wanted === text[t])) {
      p += 1;
      t += 1;
    } else if (starAt >= 0) {
      p = starAt + 1;
      resumeAt += 1;
      t = resumeAt;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p += 1;
  return p === pattern.length;
}

/**
 * Whether `arn` satisfies an `ArnLike` condition value `pattern`. A lone `*` admits every ARN;
 * anything else that is not six components (pattern or ARN) admits nothing.
 */
export function arnLike(pattern: string, arn: string): boolean {
  if (pattern === '*') return true;
  const wanted = components(pattern);
  const given = components(arn);
  if (wanted === undefined || given === undefined) return false;
  return wanted.every((part, index) => wildcardMatch(part, given[index] ?? ''));
}
