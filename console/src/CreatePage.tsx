/** Creating a connector (to be written: issue 18). */
import type { ReactNode } from 'react';

export function CreatePage(): ReactNode {
  return <h1>New connector</h1>;
}
