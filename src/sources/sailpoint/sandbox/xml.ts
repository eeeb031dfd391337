/**
 * XML checks of the SailPoint sandbox: a file is well-formed XML (saxes, no DOCTYPE internal subset) and of the kind
 * its field holds (root element, form namespace).
 *
 * Internal module of the SailPoint sandbox.
 */
import { SaxesParser } from 'saxes';
import { badRequest } from './errors.js';
import { SAILPOINT_FORM_NAMESPACE } from './seed.js';

/** Outcome of {@link checkSailPointXml}. */
type XmlCheck = { ok: true; root: string; namespace: string } | { ok: false; reason: string };

/**
 * Checks that `text` is a well-formed XML document (via saxes) and reports its root element. A DOCTYPE with an
 * internal subset is refused: such files could declare entities, which the vendor files never need.
 */
function checkSailPointXml(text: string): XmlCheck {
  const parser = new SaxesParser({ xmlns: true });
  let root: { name: string; namespace: string } | undefined;
  let refused: string | undefined;
  parser.on('doctype', (doctype) => {
    if (doctype.includes('[') || /<!ENTITY/i.test(doctype)) refused = 'DOCTYPE internal subsets and entity declarations are not accepted';
  });
  parser.on('opentag', (tag) => {
    root ??= { name: tag.local, namespace: tag.uri };
  });
  try {
    parser.write(text).close();
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  if (refused) return { ok: false, reason: refused };
  if (!root) return { ok: false, reason: 'no root element' };
  return { ok: true, root: root.name, namespace: root.namespace };
}

/** The XML files a connector stores, by field name. */
export type XmlKind = 'applicationXml' | 'correlationConfigXml' | 'sourceConfigXml' | 'sourceTemplateXml';

const XML_ROOTS: Record<XmlKind, { root: string; namespace: string }> = {
  applicationXml: { root: 'Application', namespace: '' },
  correlationConfigXml: { root: 'CorrelationConfig', namespace: '' },
  sourceConfigXml: { root: 'Form', namespace: SAILPOINT_FORM_NAMESPACE },
  sourceTemplateXml: { root: 'Application', namespace: '' },
};

/**
 * Validates an XML file of a given kind. Malformed XML throws a 400; a well-formed file of the wrong kind
 * (root element or form namespace) yields a message, which the caller reports in its own way.
 */
export function validateXmlKind(kind: XmlKind, text: string): string | undefined {
  const check = checkSailPointXml(text);
  if (!check.ok) throw badRequest(`${kind} is not well-formed XML: ${check.reason}`);
  const want = XML_ROOTS[kind];
  if (check.root !== want.root) return `${kind} must have the root element <${want.root}>, not <${check.root}>`;
  if (check.namespace !== want.namespace) {
    return want.namespace
      ? `unsupported form schema: the source config must use the namespace ${want.namespace}`
      : `${kind} must not use a namespace on <${want.root}>`;
  }
  return undefined;
}
