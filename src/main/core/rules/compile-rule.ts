import { RE2 } from 're2-wasm';
import { AppError } from '../app-error';
import type { RuleField, RuleMatch } from '../../../shared/api';
import { foldText, ruleWords } from './rule-text';

/** An item as rules see it: title, author and feed plain; content and folded text made on first use. */
export interface RuleSubject {
  title: string;
  author: string;
  feed: string;
  /** Plain text of the content (and summary), bounded. */
  content(): string;
  /** `field`, folded (case and accents), cached per item. */
  folded(field: Exclude<RuleField, 'any'>): string;
}

export type Matcher = (subject: RuleSubject) => boolean;

/** A pattern longer than this is refused: rules are for words and short expressions. */
export const maxPatternLength = 500;

const fieldsOf = (field: RuleField): Array<Exclude<RuleField, 'any'>> =>
  field === 'any' ? ['title', 'content', 'author'] : [field];

const raw = (subject: RuleSubject, field: Exclude<RuleField, 'any'>): string =>
  field === 'content' ? subject.content() : subject[field];

/**
 * A rule's condition as a function. Patterns are compiled by RE2 (through
 * re2-wasm): it matches in time linear in the text, so no pattern, however
 * hostile ("(a+)+$"), can stall the merge of new items that every ping and
 * poll goes through; look-around and back-references, which need backtracking,
 * are refused with a sentence saying so.
 */
export function compileCondition(field: RuleField, match: RuleMatch, value: string): Matcher {
  const fields = fieldsOf(field);
  if (match === 'words') {
    const words = ruleWords(value);
    if (words.length === 0) throw new AppError('INVALID_INPUT', 'Say which words the rule looks for.');
    // With 'any', each word may be in a different field (the title names the café, the text its menu).
    return (subject) => words.every((word) => fields.some((f) => subject.folded(f).includes(word)));
  }
  if (value.length > maxPatternLength) {
    throw new AppError('INVALID_INPUT', `Use a pattern of at most ${maxPatternLength} characters.`);
  }
  let re: RE2;
  try {
    re = new RE2(value, 'iu');
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^Invalid regular expression: \/.*\/\w*: /s, '') : '';
    const hint = /perl operator|backreference|\\\d/.test(reason)
      ? ' Look-around ((?=…), (?!…)) and back-references (\\1) are not supported: they can take forever on some text.'
      : '';
    throw new AppError('INVALID_INPUT', `That pattern can't be used (${reason || 'not a regular expression'}).${hint}`);
  }
  return (subject) => fields.some((f) => re.test(raw(subject, f)));
}

/** A subject over one item; content and folded text are worked out at most once, and only if a rule asks. */
export function ruleSubject(
  item: { title: string; author: string | null; html: string },
  feed: string,
  toText: (html: string) => string,
): RuleSubject {
  let content: string | null = null;
  const folded = new Map<string, string>();
  const subject: RuleSubject = {
    title: item.title,
    author: item.author ?? '',
    feed,
    content: () => (content ??= toText(item.html)),
    folded(field) {
      let text = folded.get(field);
      if (text === undefined) {
        text = foldText(raw(subject, field));
        folded.set(field, text);
      }
      return text;
    },
  };
  return subject;
}
