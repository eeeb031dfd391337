/**
 * Where a source's SDL file is: beside its module. The compiler copies no `.graphql` file, so a module compiled to
 * `dist/src/…` finds its file beside itself when the build put it there (the image does), else at the same place
 * under `src/` (`npm start` in a checkout). A leaf: it imports nothing of the gateway. Internal module.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The absolute path of `file`, an SDL file beside the module at `moduleUrl` (its `import.meta.url`). */
export function sdlFile(moduleUrl: string, file: string): string {
  const beside = fileURLToPath(new URL(file, moduleUrl));
  if (existsSync(beside)) return beside;
  const compiled = /^(.*)[\\/]dist([\\/]src[\\/].*)$/.exec(beside);
  const source = compiled ? `${compiled[1]}${compiled[2]}` : undefined;
  if (source !== undefined && existsSync(source)) return source;
  throw new Error(`SDL file ${beside} not found${source ? ` (nor ${source})` : ''}: copy the sources' .graphql files beside their compiled modules`);
}
