/**
 * SailPoint's reason in an error body. Identity Security Cloud answers a refusal with its `ErrorResponseDto`:
 * `detailCode` (e.g. `400.1 Bad Request Content`, `400.1.409 Reference conflict`), `trackingId`, `messages` (the
 * same text in several locales: `{ locale, localeOrigin, text }`, the `en-US` one first in practice) and `causes`
 * (plain-text details, in the same shape); a 401 is `{ error }` and a 429 `{ message }`. The message is the English
 * text (else the first) followed by the causes' texts; a field is named where the text quotes one
 * (`'name' is required…`, `… for field "name"`). Internal module.
 */
import type { UpstreamReason } from '../port.js';
import { isJsonObject, parseJsonObject } from '../../json.js';

// A text that names a field: `'name' is required …`, `'status' must be …`, `Required field "name" was missing`.
const QUOTED_SUBJECT = /^'([A-Za-z_][\w.]*)' (?:is|must|has|cannot|needs)\b/;
const NAMED_FIELD = /\bfield ["']([A-Za-z_][\w.]*)["']/;

/** The texts of an `ErrorMessageDto` list: the English one(s) first, each text once. */
function textsOf(messages: unknown): string[] {
  if (!Array.isArray(messages)) return [];
  const items = messages.filter(isJsonObject);
  const english = items.filter((m) => typeof m.locale === 'string' && /^en\b/i.test(m.locale));
  const texts = (english.length > 0 ? english : items).map((m) => m.text).filter((text): text is string => typeof text === 'string' && text.trim() !== '');
  return [...new Set(texts.map((text) => text.trim()))];
}

/** The reason in a SailPoint error body; undefined when it is none of SailPoint's error shapes. */
export function sailpointReasonOf(body: string): UpstreamReason | undefined {
  const parsed = parseJsonObject(body);
  if (!parsed) return undefined;
  const reason: UpstreamReason = {};
  if (typeof parsed.detailCode === 'string' && parsed.detailCode !== '') reason.vendorCode = parsed.detailCode;
  const [text] = textsOf(parsed.messages);
  const causes = textsOf(parsed.causes).filter((cause) => cause !== text);
  const fallback = typeof parsed.message === 'string' ? parsed.message : typeof parsed.error === 'string' ? parsed.error : undefined;
  const parts = [text ?? fallback, ...causes].filter((part): part is string => part !== undefined && part.trim() !== '');
  if (parts.length > 0) reason.message = parts.map((part) => part.trim().replace(/([^.!?])$/, '$1.')).join(' ');
  const problems = [text, ...causes].flatMap((part) => {
    if (part === undefined) return [];
    const key = (QUOTED_SUBJECT.exec(part) ?? NAMED_FIELD.exec(part))?.[1];
    return key === undefined ? [] : [{ key, message: part }];
  });
  if (problems.length > 0) reason.problems = problems;
  return reason.message === undefined && reason.vendorCode === undefined ? undefined : reason;
}
