/**
 * `npm run codegen:check` (part of `npm test`): fails when a generated file is stale. `graphql-codegen --check`
 * compares the generator's raw output with the files, but `npm run codegen` formats them with Prettier after writing
 * (codegen.ts's afterAllFileWrite hook), so this generates in memory, formats each file as that hook does (the
 * project's Prettier configuration for its path) and compares. Writes nothing.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { format, resolveConfig } from 'prettier';
import config from '../codegen.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The generated files whose content on disk differs from a fresh, formatted generation (paths relative to the project). */
async function staleFiles(): Promise<string[]> {
  // Typed `any` by the CLI: each output is a file's path (relative to `cwd`) and its content.
  const outputs = (await generate({ ...config, cwd: ROOT, silent: true }, false)) as { filename: string; content: string }[];
  const stale: string[] = [];
  for (const { filename, content } of outputs) {
    const path = join(ROOT, filename);
    const expected = await format(content, { ...(await resolveConfig(path)), filepath: path });
    let actual: string | undefined;
    try {
      actual = readFileSync(path, 'utf8');
    } catch {
      actual = undefined;
    }
    if (actual !== expected) stale.push(relative(ROOT, path));
  }
  return stale;
}

const stale = await staleFiles();
if (stale.length > 0) {
  console.error(`Generated files are stale: ${stale.join(', ')}. Run npm run codegen and commit the result.`);
  process.exit(1);
}
console.log('Generated files are up to date.');
