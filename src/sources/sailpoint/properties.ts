/**
 * Java `.properties` texts (a script connector's translations), read as `java.util.Properties.load` reads them. Pure
 * functions; the sandbox serves its translated forms with the same reader. Internal module.
 */

/**
 * Parses a Java `.properties` text as `java.util.Properties.load` does: logical lines joined at an odd number of
 * trailing backslashes, `#` and `!` comments, the key ending at the first unescaped `=`, `:` or white space,
 * backslash escapes (`\t`, `\n`, `\r`, `\f`, `\uXXXX`, any other character as itself); a later key wins.
 */
export function parseProperties(text: string): Map<string, string> {
  const result = new Map<string, string>();
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i += 1) {
    let line = stripLeadingSpace(lines[i] ?? '');
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    while (endsWithOddBackslashes(line) && i + 1 < lines.length) {
      i += 1;
      line = line.slice(0, -1) + stripLeadingSpace(lines[i] ?? '');
    }
    if (endsWithOddBackslashes(line)) line = line.slice(0, -1);
    let keyEnd = 0;
    while (keyEnd < line.length && !'=: \t\f'.includes(line.charAt(keyEnd))) keyEnd += line.charAt(keyEnd) === '\\' ? 2 : 1;
    keyEnd = Math.min(keyEnd, line.length);
    let valueStart = keyEnd;
    while (valueStart < line.length && ' \t\f'.includes(line.charAt(valueStart))) valueStart += 1;
    if (valueStart < line.length && '=:'.includes(line.charAt(valueStart))) valueStart += 1;
    while (valueStart < line.length && ' \t\f'.includes(line.charAt(valueStart))) valueStart += 1;
    result.set(unescapeProperties(line.slice(0, keyEnd)), unescapeProperties(line.slice(valueStart)));
  }
  return result;
}

const stripLeadingSpace = (line: string): string => line.replace(/^[ \t\f]+/, '');

function endsWithOddBackslashes(line: string): boolean {
  let count = 0;
  for (let i = line.length - 1; i >= 0 && line.charAt(i) === '\\'; i -= 1) count += 1;
  return count % 2 === 1;
}

const SIMPLE_ESCAPES: Record<string, string> = { t: '\t', n: '\n', r: '\r', f: '\f' };

function unescapeProperties(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charAt(i);
    if (ch !== '\\' || i + 1 >= text.length) {
      out += ch;
      continue;
    }
    const next = text.charAt(i + 1);
    const hex = /^[0-9a-fA-F]{4}$/.exec(text.slice(i + 2, i + 6));
    if (next === 'u' && hex) {
      out += String.fromCharCode(parseInt(hex[0], 16));
      i += 5;
    } else {
      out += SIMPLE_ESCAPES[next] ?? next;
      i += 1;
    }
  }
  return out;
}
