/**
 * The production build (`npm run build:prod`, tsconfig.prod.json) compiles what `src/index.ts` loads and no sandbox
 * (issue 16, "sandboxes are not production code"), checked with the compiler's own file list (no emit): every source
 * is in it, no file under a `sandbox/` folder is (the sources' sandboxes, the sandbox kit, `npm run sandbox`).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The project's files (relative, with `/`) that the compiler takes in for `tsconfig`. */
function compiledFiles(tsconfig: string): string[] {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const listed = execFileSync(process.execPath, [tsc, '-p', tsconfig, '--listFilesOnly'], { cwd: ROOT, encoding: 'utf8' });
  return listed
    .split('\n')
    .filter(Boolean)
    .map((file) => relative(ROOT, file).split('\\').join('/'))
    .filter((file) => !file.startsWith('..') && !file.startsWith('node_modules/'));
}

/** `src/sources/<x>/index.ts` of every source folder. */
const SOURCE_ENTRIES = readdirSync(new URL('../../src/sources/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => `src/sources/${entry.name}/index.ts`);
const inSandbox = (file: string) => file.split('/').includes('sandbox');

describe('the production build', () => {
  const prod = compiledFiles('tsconfig.prod.json');

  it('compiles the gateway and every source', () => {
    expect(SOURCE_ENTRIES.length).toBeGreaterThanOrEqual(3);
    expect(prod).toEqual(expect.arrayContaining(['src/index.ts', 'src/sources/index.ts', 'src/sources/connect.ts', ...SOURCE_ENTRIES]));
  });

  it('compiles no file under a sandbox/ folder', () => {
    expect(prod.filter(inSandbox)).toEqual([]);
  });

  it('is all the full build holds but the sandboxes (what npm start, the tests and the bench run)', () => {
    const full = compiledFiles('tsconfig.build.json');
    expect(full.filter(inSandbox).length).toBeGreaterThan(0);
    expect(full.filter((file) => file.startsWith('src/') && !file.endsWith('.d.ts') && !inSandbox(file)).sort()).toEqual(
      prod.filter((file) => !file.endsWith('.d.ts')).sort(),
    );
  });
});
