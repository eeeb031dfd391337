/**
 * The `filters` query parameter of the SailPoint sandbox's `GET /v3/connectors`: the standard-collection filter
 * syntax (`field op value`, `and`, `or`, `not`, parentheses, `\"` and `\\` escapes) parsed into a predicate over
 * connectors, with the fields and operators the vendor documents for that list.
 *
 * Internal module of the SailPoint sandbox.
 */
import { badRequest } from './errors.js';
import type { SailPointSandboxConnector } from './seed.js';

type FilterToken =
  { kind: 'word'; text: string } | { kind: 'string'; text: string } | { kind: 'number'; text: string } | { kind: 'punct'; text: '(' | ')' | ',' };

function tokenizeFilter(input: string): FilterToken[] {
  const tokens: FilterToken[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input.charAt(i);
    if (/\s/.test(ch)) {
      i += 1;
    } else if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ kind: 'punct', text: ch });
      i += 1;
    } else if (ch === '"') {
      let text = '';
      i += 1;
      for (;;) {
        if (i >= input.length) throw badRequest('invalid filter: unterminated string');
        const c = input.charAt(i);
        if (c === '\\') {
          // The escapes SailPoint documents for filter values: \" and \\ (standard collection parameters).
          const next = input.charAt(i + 1);
          if (next !== '"' && next !== '\\') throw badRequest(`invalid filter: unknown escape '\\${next}' at position ${i} (only \\" and \\\\ are escapes)`);
          text += next;
          i += 2;
        } else if (c === '"') {
          i += 1;
          break;
        } else {
          text += c;
          i += 1;
        }
      }
      tokens.push({ kind: 'string', text });
    } else {
      const match = /^(-?\d+(?:\.\d+)?|[A-Za-z_][A-Za-z0-9_.]*)/.exec(input.slice(i));
      if (!match?.[1]) throw badRequest(`invalid filter: unexpected '${ch}' at position ${i}`);
      tokens.push({ kind: /^-?\d/.test(match[1]) ? 'number' : 'word', text: match[1] });
      i += match[1].length;
    }
  }
  return tokens;
}

type FilterValue = string | boolean | number | FilterValue[];

/** Whether a connector passes a parsed filter. */
type ConnectorPredicate = (connector: SailPointSandboxConnector) => boolean;

/** Fields and operators `GET /connectors` supports in `filters` (from the vendor's parameter documentation). */
const FILTERABLE: Record<string, readonly string[]> = {
  name: ['sw', 'co'],
  type: ['sw', 'co', 'eq'],
  directConnect: ['eq'],
  category: ['eq'],
  features: ['ca'],
  labels: ['ca'],
};

/**
 * Parses the standard-collection `filters` syntax: `field op value` joined by `and` / `or`, with `not` and
 * parentheses. String comparisons are case-insensitive (a sandbox decision; it makes `name sw "active"` work).
 */
export function parseConnectorFilter(input: string): ConnectorPredicate {
  const tokens = tokenizeFilter(input);
  let pos = 0;
  const peek = (): FilterToken | undefined => tokens[pos];
  const isWord = (token: FilterToken | undefined, word: string): boolean => token?.kind === 'word' && token.text.toLowerCase() === word;
  const expect = (text: string): void => {
    const token = tokens[pos];
    if (token?.kind !== 'punct' || token.text !== text) throw badRequest(`invalid filter: expected '${text}'`);
    pos += 1;
  };
  const parseValue = (): FilterValue => {
    const token = tokens[pos];
    if (!token) throw badRequest('invalid filter: missing value');
    pos += 1;
    if (token.kind === 'string') return token.text;
    if (token.kind === 'number') return Number(token.text);
    if (token.kind === 'word' && (token.text === 'true' || token.text === 'false')) return token.text === 'true';
    if (token.kind === 'punct' && token.text === '(') {
      const list: FilterValue[] = [parseValue()];
      while (peek()?.kind === 'punct' && peek()?.text === ',') {
        pos += 1;
        list.push(parseValue());
      }
      expect(')');
      return list;
    }
    throw badRequest(`invalid filter: unexpected '${token.text}' where a value belongs (strings need double quotes)`);
  };
  const parseComparison = (): ConnectorPredicate => {
    const fieldToken = tokens[pos];
    const opToken = tokens[pos + 1];
    if (fieldToken?.kind !== 'word' || opToken?.kind !== 'word') throw badRequest('invalid filter: expected "field op value"');
    pos += 2;
    const fieldName = fieldToken.text;
    const op = opToken.text.toLowerCase();
    const ops = FILTERABLE[fieldName];
    if (!ops) throw badRequest(`invalid filter: field '${fieldName}' cannot be filtered`);
    if (!ops.includes(op)) throw badRequest(`invalid filter: operator '${op}' is not supported for '${fieldName}'`);
    return connectorComparison(fieldName, op, parseValue());
  };
  const parseFactor = (): ConnectorPredicate => {
    if (isWord(peek(), 'not')) {
      pos += 1;
      const inner = parseFactor();
      return (c) => !inner(c);
    }
    const token = peek();
    if (token?.kind === 'punct' && token.text === '(') {
      pos += 1;
      const inner = parseOr();
      expect(')');
      return inner;
    }
    return parseComparison();
  };
  const parseAnd = (): ConnectorPredicate => {
    const parts = [parseFactor()];
    while (isWord(peek(), 'and')) {
      pos += 1;
      parts.push(parseFactor());
    }
    return parts.length === 1 && parts[0] ? parts[0] : (c) => parts.every((part) => part(c));
  };
  const parseOr = (): ConnectorPredicate => {
    const parts = [parseAnd()];
    while (isWord(peek(), 'or')) {
      pos += 1;
      parts.push(parseAnd());
    }
    return parts.length === 1 && parts[0] ? parts[0] : (c) => parts.some((part) => part(c));
  };
  if (tokens.length === 0) throw badRequest('invalid filter: empty expression');
  const predicate = parseOr();
  if (pos < tokens.length) throw badRequest(`invalid filter: unexpected '${tokens[pos]?.text ?? ''}'`);
  return predicate;
}

function connectorComparison(fieldName: string, op: string, value: FilterValue): ConnectorPredicate {
  const asString = (): string => {
    if (typeof value !== 'string') throw badRequest(`invalid filter: '${fieldName} ${op}' needs a quoted string`);
    return value.toLowerCase();
  };
  const asStringList = (): string[] => {
    const list = Array.isArray(value) ? value : [value];
    if (!list.every((item) => typeof item === 'string')) throw badRequest(`invalid filter: '${fieldName} ca' needs quoted strings`);
    return list.map((item) => item.toLowerCase());
  };
  const stringTest = (wanted: string): ((actual: string) => boolean) =>
    op === 'sw' ? (actual) => actual.startsWith(wanted) : op === 'co' ? (actual) => actual.includes(wanted) : (actual) => actual === wanted;
  switch (fieldName) {
    case 'name': {
      const test = stringTest(asString());
      return (c) => test(c.name.toLowerCase());
    }
    case 'type': {
      const test = stringTest(asString());
      return (c) => test(c.type.toLowerCase());
    }
    case 'category': {
      const wanted = asString();
      return (c) => c.category.toLowerCase() === wanted;
    }
    case 'directConnect': {
      const wanted = typeof value === 'boolean' ? value : typeof value === 'string' ? value.toLowerCase() : undefined;
      if (wanted !== true && wanted !== false && wanted !== 'true' && wanted !== 'false') {
        throw badRequest('invalid filter: directConnect eq needs true or false');
      }
      const flag = wanted === true || wanted === 'true';
      return (c) => c.directConnect === flag;
    }
    case 'features': {
      const wanted = asStringList();
      return (c) => wanted.every((item) => (c.features ?? []).some((feature) => feature.toLowerCase() === item));
    }
    default: {
      const wanted = asStringList();
      return (c) => wanted.every((item) => c.labels.some((label) => label.toLowerCase() === item));
    }
  }
}
