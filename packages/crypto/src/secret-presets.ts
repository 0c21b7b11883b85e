/**
 * What each target service accepts as a generated credential, as data, and the translation of
 * an alphabet and length into `random.RandomPassword` inputs. Pure, so the rules and the
 * translation are tested as tables and by drawing many values.
 */
import { SettingProblem } from '@phi-platform/core';

export type SecretPresetName = 'rds-master-password' | 'elasticache-auth-token';

export interface SecretPreset {
  readonly name: SecretPresetName;
  /** What the credential is, for the secret's description. */
  readonly title: string;
  readonly minLength: number;
  readonly maxLength: number;
  readonly defaultLength: number;
  /** Every character the target service accepts, in ASCII order. */
  readonly allowedCharacters: string;
  /** The rule in words, for error messages. */
  readonly allowedInWords: string;
  /** The alphabet used when the caller gives none. */
  readonly defaultAlphabet: string;
  /** Where the rule is published. */
  readonly source: string;
}

export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const DIGITS = '0123456789';

/** Printable ASCII from `!` (0x21) to `~` (0x7e); the space (0x20) is left out on purpose. */
function printableAsciiExcept(excluded: string): string {
  let out = '';
  for (let code = 0x21; code <= 0x7e; code += 1) {
    const char = String.fromCharCode(code);
    if (!excluded.includes(char)) out += char;
  }
  return out;
}

function sortedAscii(chars: string): string {
  return [...new Set(chars)].sort().join('');
}

/** Minimum strength of any generated value, whatever the service would accept. */
export const MIN_ENTROPY_BITS = 128;

const ELASTICACHE_SPECIALS = '!&#$^<>-';
// Special characters that survive URLs (userinfo), shells and JDBC strings without quoting.
const RDS_DEFAULT_SPECIALS = '!*+,-.=_~';

export const SECRET_PRESETS: Readonly<Record<SecretPresetName, SecretPreset>> = {
  'rds-master-password': {
    name: 'rds-master-password',
    title: 'RDS master password',
    minLength: 8,
    maxLength: 41,
    defaultLength: 41,
    allowedCharacters: printableAsciiExcept(`/@"'`),
    allowedInWords: 'printable ASCII except /, @, ", \' and space',
    defaultAlphabet: sortedAscii(UPPER + LOWER + DIGITS + RDS_DEFAULT_SPECIALS),
    source: 'https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBCluster.html',
  },
  'elasticache-auth-token': {
    name: 'elasticache-auth-token',
    title: 'ElastiCache AUTH token',
    minLength: 16,
    maxLength: 128,
    defaultLength: 64,
    allowedCharacters: sortedAscii(UPPER + LOWER + DIGITS + ELASTICACHE_SPECIALS),
    allowedInWords: 'letters, digits and only these symbols: ! & # $ ^ < > -',
    defaultAlphabet: sortedAscii(UPPER + LOWER + DIGITS + ELASTICACHE_SPECIALS),
    source: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth.html',
  },
};

export function isSecretPresetName(value: unknown): value is SecretPresetName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(SECRET_PRESETS, value);
}

/** The inputs of `random.RandomPassword` that draw from exactly one alphabet. */
export interface PasswordInputs {
  readonly length: number;
  readonly upper: boolean;
  readonly lower: boolean;
  readonly numeric: boolean;
  readonly special: boolean;
  /** Only the special characters of the alphabet; empty when `special` is false. */
  readonly overrideSpecial: string;
  readonly minUpper: number;
  readonly minLower: number;
  readonly minNumeric: number;
  readonly minSpecial: number;
}

function describeChars(chars: string): string {
  return chars.length === 0 ? 'none' : JSON.stringify(chars);
}

/**
 * Problems with a caller's `length` and `alphabet` for `preset`, each naming the argument, the
 * value and what is allowed. Empty when the combination is acceptable.
 */
export function secretSettingsProblems(
  preset: SecretPreset,
  length: unknown,
  alphabet: unknown,
): SettingProblem[] {
  const problems: SettingProblem[] = [];
  const lengthOk =
    typeof length === 'number' &&
    Number.isInteger(length) &&
    length >= preset.minLength &&
    length <= preset.maxLength;
  if (!lengthOk) {
    problems.push({
      setting: 'length',
      value: length,
      allowed: `a whole number from ${preset.minLength} to ${preset.maxLength}`,
      reason: `${preset.title} limits`,
    });
  }

  let alphabetOk = false;
  if (typeof alphabet !== 'string' || alphabet.length === 0) {
    problems.push({ setting: 'alphabet', value: alphabet, allowed: preset.allowedInWords });
  } else {
    const chars = [...new Set(alphabet)];
    const refused = chars.filter((c) => !preset.allowedCharacters.includes(c)).join('');
    const partial = [UPPER, LOWER, DIGITS].filter((cls) => {
      const present = [...cls].filter((c) => chars.includes(c)).length;
      return present > 0 && present < cls.length;
    });
    if (refused.length > 0) {
      problems.push({
        setting: 'alphabet',
        value: alphabet,
        allowed: preset.allowedInWords,
        reason: `${preset.title} refuses ${describeChars(refused)}`,
      });
    } else if (partial.length > 0) {
      problems.push({
        setting: 'alphabet',
        value: alphabet,
        allowed: 'all or none of A-Z, all or none of a-z, all or none of 0-9, plus any symbols',
        reason: `the generator draws whole classes; partial: ${partial.map(describeChars).join(', ')}`,
      });
    } else {
      alphabetOk = true;
    }
  }

  if (lengthOk && alphabetOk) {
    const size = new Set(alphabet as string).size;
    const needed = minimumLengthFor(size);
    if (length < needed) {
      problems.push({
        setting: 'length',
        value: length,
        allowed: `at least ${needed} with an alphabet of ${size} characters`,
        reason: `every generated credential carries at least ${MIN_ENTROPY_BITS} bits`,
      });
    }
  }
  return problems;
}

/** Shortest length that reaches `MIN_ENTROPY_BITS` with `alphabetSize` equally likely symbols. */
export function minimumLengthFor(alphabetSize: number): number {
  if (alphabetSize < 2) return Number.POSITIVE_INFINITY;
  return Math.ceil(MIN_ENTROPY_BITS / Math.log2(alphabetSize));
}

/**
 * `random.RandomPassword` inputs for an already validated alphabet: each class present is
 * switched on and required at least once, and the alphabet's symbols become `overrideSpecial`.
 */
export function passwordInputs(alphabet: string, length: number): PasswordInputs {
  const chars = new Set(alphabet);
  const has = (cls: string): boolean => [...cls].every((c) => chars.has(c));
  const specials = sortedAscii([...chars].filter((c) => !/[A-Za-z0-9]/.test(c)).join(''));
  const upper = has(UPPER);
  const lower = has(LOWER);
  const numeric = has(DIGITS);
  const special = specials.length > 0;
  return {
    length,
    upper,
    lower,
    numeric,
    special,
    overrideSpecial: specials,
    minUpper: upper ? 1 : 0,
    minLower: lower ? 1 : 0,
    minNumeric: numeric ? 1 : 0,
    minSpecial: special ? 1 : 0,
  };
}

/** The alphabet `inputs` draw from, in ASCII order. */
export function alphabetOf(inputs: PasswordInputs): string {
  return sortedAscii(
    (inputs.upper ? UPPER : '') +
      (inputs.lower ? LOWER : '') +
      (inputs.numeric ? DIGITS : '') +
      (inputs.special ? inputs.overrideSpecial : ''),
  );
}

/** Why `value` is not acceptable to the preset's service, or undefined when it is. */
export function secretValueProblem(preset: SecretPreset, value: string): string | undefined {
  if (value.length < preset.minLength || value.length > preset.maxLength) {
    return `length ${value.length} is outside ${preset.minLength}..${preset.maxLength}`;
  }
  const refused = [...new Set(value)].filter((c) => !preset.allowedCharacters.includes(c));
  if (refused.length > 0) return `contains ${describeChars(refused.join(''))}`;
  return undefined;
}
