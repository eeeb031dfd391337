/**
 * Checks of the files a client uploads or patches into a script connector, made before anything is sent to
 * SailPoint: XML must be well-formed and declare no DTD of its own, translations must be a `.properties` text.
 * Pure functions. Internal module.
 */
import { SaxesParser } from 'saxes';

/**
 * The result of a check: ok, or the first problem in words a client can act on, as a fragment without a closing
 * period (callers end the sentence: `The … file is refused: <problem>.`).
 */
export type CheckResult = { ok: true } | { ok: false; problem: string };

/** A parser's message as a fragment: saxes ends its messages with a period ("1:19: unexpected close tag."). */
function fragment(message: string): string {
  let end = message.length;
  while (end > 0 && /[\s.]/.test(message.charAt(end - 1))) end -= 1;
  return message.slice(0, end);
}

// SailPoint's own files reference its DTD by name; that reference carries no markup of its own and is the only
// document type declaration accepted. Anything else (an internal subset, SYSTEM URLs, entity declarations) is
// refused: an external or internal DTD is how XXE and entity-expansion attacks reach the backend's parser.
const SAILPOINT_DOCTYPE = /^\s*[A-Za-z_][\w.-]*\s+PUBLIC\s+(["'])sailpoint\.dtd\1\s+(["'])sailpoint\.dtd\2\s*$/;

/** Checks that `text` is one well-formed XML document without a DTD of its own or entity declarations. */
export function checkXml(text: string): CheckResult {
  if (text.trim() === '') return { ok: false, problem: 'the file is empty' };
  const parser = new SaxesParser({ position: true });
  let problem: string | undefined;
  let elements = 0;
  parser.on('doctype', (doctype) => {
    if (!SAILPOINT_DOCTYPE.test(doctype)) {
      problem ??= 'a document type declaration (DTD) is not allowed, except SailPoint\'s PUBLIC "sailpoint.dtd" reference';
    }
  });
  parser.on('opentag', () => {
    elements += 1;
  });
  parser.on('error', (err) => {
    // saxes reports a position prefix like "1:5: "; keep it, it helps the author find the spot.
    problem ??= `not well-formed XML: ${fragment(err.message)}`;
  });
  try {
    parser.write(text).close();
  } catch (err) {
    problem ??= `not well-formed XML: ${fragment((err as Error).message)}`;
  }
  if (problem) return { ok: false, problem };
  if (elements === 0) return { ok: false, problem: 'not well-formed XML: no root element' };
  return { ok: true };
}

/** The namespace SailPoint requires of a source config form (its answer otherwise: "unsupported xsd version"). */
const SAILPOINT_FORM_NAMESPACE = 'http://www.sailpoint.com/xsd/sailpoint_form_2_0.xsd';

/** The XML files of a script connector, by what SailPoint requires of each. */
export type SailPointXmlKind = 'source config' | 'application' | 'correlation config' | 'source template';

const XML_ROOTS: Readonly<Record<SailPointXmlKind, { root: string; namespace: string }>> = {
  'source config': { root: 'Form', namespace: SAILPOINT_FORM_NAMESPACE },
  application: { root: 'Application', namespace: '' },
  'correlation config': { root: 'CorrelationConfig', namespace: '' },
  'source template': { root: 'Application', namespace: '' },
};

/**
 * Checks a script connector's XML file as SailPoint takes it: checkXml's rules, then the root element its kind
 * has (`Form` in SailPoint's form namespace `sailpoint_form_2_0.xsd` for the source config, `Application` for the
 * application and the source template, `CorrelationConfig`), with namespaces well-formed.
 */
export function checkSailPointXml(kind: SailPointXmlKind, text: string): CheckResult {
  const checked = checkXml(text);
  if (!checked.ok) return checked;
  const parser = new SaxesParser({ xmlns: true, position: true });
  let root: { local: string; uri: string } | undefined;
  let problem: string | undefined;
  parser.on('opentag', (tag) => {
    root ??= { local: tag.local, uri: tag.uri };
  });
  parser.on('error', (err) => {
    problem ??= `namespaces are not well-formed: ${fragment(err.message)}`;
  });
  try {
    parser.write(text).close();
  } catch (err) {
    problem ??= `namespaces are not well-formed: ${fragment((err as Error).message)}`;
  }
  if (problem) return { ok: false, problem };
  const want = XML_ROOTS[kind];
  if (root?.local !== want.root) return { ok: false, problem: `its root element must be <${want.root}>, not <${root?.local ?? ''}>` };
  if (root.uri !== want.namespace) {
    return {
      ok: false,
      problem: want.namespace
        ? `<${want.root}> must be in the namespace ${want.namespace} (SailPoint's current form schema)`
        : `<${want.root}> must not be in a namespace`,
    };
  }
  return { ok: true };
}

/**
 * Checks that `text` reads as a Java `.properties` file: every logical line (after `\` continuations) is blank, a
 * comment (`#`, `!`), or a non-empty key, alone or followed by `=`, `:` or whitespace and a value (as Java reads it:
 * a key alone has an empty value). No control characters
 * besides tab, CR and LF.
 */
export function checkProperties(text: string): CheckResult {
  if (text.trim() === '') return { ok: false, problem: 'the file is empty' };
  // Syntactically almost any text is a .properties file; markup is the usual wrong file, so say so.
  if (text.trimStart().startsWith('<')) return { ok: false, problem: 'this looks like XML or HTML, not a .properties text' };
  // eslint-disable-next-line no-control-regex -- these control characters are what the check looks for.
  const control = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.exec(text);
  if (control) return { ok: false, problem: `control character U+${control[0].charCodeAt(0).toString(16).padStart(4, '0')} at offset ${control.index}` };
  const lines = text.split(/\r\n|\r|\n/).entries();
  let entries = 0;
  for (const [index, physical] of lines) {
    const start = index + 1;
    let line = physical.replace(/^[ \t\f]+/, '');
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    // Join continuation lines: an odd number of trailing backslashes continues the logical line.
    while (/(^|[^\\])(\\\\)*\\$/.test(line)) {
      const next = lines.next();
      if (next.done === true) break;
      line = line.slice(0, -1) + next.value[1].replace(/^[ \t\f]+/, '');
    }
    const key = /^(?:\\.|[^=:\s\\])+/.exec(line);
    if (!key) return { ok: false, problem: `line ${start} has no key (an entry starts with its key: key=value, key: value, key value, or a key alone)` };
    const rest = line.slice(key[0].length);
    if (rest !== '' && !/^[ \t\f]*[=:]|^[ \t\f]/.test(rest)) {
      return { ok: false, problem: `line ${start} is not an entry (key=value, key: value, key value, or a key alone)` };
    }
    entries++;
  }
  if (entries === 0) return { ok: false, problem: 'the file has no entries (key=value lines)' };
  return { ok: true };
}

/** Decodes bytes as UTF-8, or returns undefined when they are not valid UTF-8 (a binary file). */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
}
