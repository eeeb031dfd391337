/** A script connector's files and translations (to be written: issue 18). */
import type { ReactNode } from 'react';

export function ScriptFiles({ scriptName }: { scriptName: string }): ReactNode {
  return <p className="muted">Files of {scriptName}</p>;
}
