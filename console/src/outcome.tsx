/**
 * The outcome of an action on a form (Save, Test, Create), shared by the connector page and the create page.
 */
import { useRef, useState } from 'react';
import { describeError, type GatewayError } from './api.js';
import { fieldNamedIn } from './fieldNames.js';
import { fieldId } from './Form.js';
import { sourceProblems, type Problem } from './formLogic.js';

/** The message at the bottom of a form: a refusal or a failed test. */
interface Outcome {
  title: string;
  lines: string[];
}

/**
 * What a page with a form shows after Save, Test or Create: the outcome as a red message at the bottom (each line
 * with the field it names), the problems at their fields, and the focus on the first field named (else on the
 * message). A problem names its field by key, by a key path of the source's that ends in it (`config.clientId`, a
 * source's `extensions.problems`), or in its text (`fieldNamedIn`). `idPrefix` is the form's (Form.tsx fieldId),
 * `id` the message's.
 */
export function useOutcome(idPrefix: string, id: string, labelOf: (key: string) => string, keys: () => string[]) {
  const [problems, setProblems] = useState<Map<string, string>>(new Map());
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  const [passed, setPassed] = useState<string | undefined>(undefined);
  const outcomeRef = useRef<HTMLDivElement>(null);

  /** Problems by key and errors (whose text may name a key); the first field named gets the focus. */
  const show = (title: string, given: Problem[], errors: GatewayError[] = []): void => {
    let found = given;
    const known = keys();
    // A source's refusal may name fields in its own terms (extensions.problems): matched to the form's keys.
    found = [...found, ...sourceProblems(errors, known)];
    const byKey = new Map<string, string>();
    for (const p of found) {
      const key = p.key ?? fieldNamedIn(p.message, known);
      if (key && !byKey.has(key)) byKey.set(key, p.message);
    }
    const errorLines = errors.map(describeError);
    for (const line of errorLines) {
      const key = fieldNamedIn(line, known);
      if (key && !byKey.has(key)) byKey.set(key, line);
    }
    setPassed(undefined);
    setProblems(byKey);
    const named = (key: string | null | undefined, message: string): string => {
      const k = key ?? fieldNamedIn(message, known);
      return k && !message.includes(labelOf(k)) ? `${labelOf(k)}: ${message}` : message;
    };
    setOutcome({ title, lines: [...found.map((p) => named(p.key, p.message)), ...errorLines.map((line) => named(undefined, line))] });
    const first = byKey.keys().next().value;
    window.setTimeout(() => {
      const target = first !== undefined ? document.getElementById(fieldId(idPrefix, first)) : outcomeRef.current;
      (target ?? outcomeRef.current)?.focus();
    }, 0);
  };
  const clear = (): void => {
    setProblems(new Map());
    setOutcome(undefined);
  };
  const view = (
    <>
      {passed !== undefined && (
        <p className="test-passed" role="status">
          {passed}
        </p>
      )}
      {outcome && (
        <div className="error-message" role="alert" id={id} tabIndex={-1} ref={outcomeRef}>
          <strong>{outcome.title}</strong>
          {outcome.lines.length > 0 && (
            <ul>
              {outcome.lines.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </>
  );
  return { problems, show, clear, setPassed, view, shown: outcome !== undefined };
}
