/**
 * What every page shares: running operations (a 401 opens the key form), and toasts.
 */
import { createContext, useCallback, useContext } from 'react';
import { execute, UnauthenticatedError, type Result } from './api.js';
import type { TypedDocumentString } from './__generated__/graphql.js';

export interface Toast {
  id: number;
  text: string;
  kind: 'success' | 'error';
}

interface ConsoleState {
  /** Changes when the API key does: pages load again. */
  keyVersion: number;
  askForKey: (reason: string) => void;
  notify: (text: string, kind?: Toast['kind']) => void;
}

export const ConsoleContext = createContext<ConsoleState>({ keyVersion: 0, askForKey: () => undefined, notify: () => undefined });

export function useConsole(): ConsoleState {
  return useContext(ConsoleContext);
}

/**
 * Runs operations for a page: a 401 opens the key form and gives a result with that error; a network failure gives
 * a result with one error saying so. Never rejects.
 */
export function useRun(): <R, V>(document: TypedDocumentString<R, V>, variables: V, files?: ReadonlyMap<string, File>) => Promise<Result<R>> {
  const { askForKey } = useConsole();
  return useCallback(
    async <R, V>(document: TypedDocumentString<R, V>, variables: V, files?: ReadonlyMap<string, File>): Promise<Result<R>> => {
      try {
        return await execute(document, variables, files);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (error instanceof UnauthenticatedError) askForKey(message);
        return {
          data: undefined,
          errors: [{ message: error instanceof TypeError ? 'The gateway could not be reached.' : message, extensions: { code: 'NETWORK' } }],
        };
      }
    },
    [askForKey],
  );
}
