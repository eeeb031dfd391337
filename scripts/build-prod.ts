/**
 * `npm run build:prod`: the production build in `dist/prod/`, what the image runs. It compiles only the modules
 * `src/index.ts` loads (`tsconfig.prod.json`), so no sandbox is in it: a source names its sandbox module by URL and
 * `src/sources/connect.ts` loads it with a computed import, which the compiler does not follow. Then it copies each
 * compiled folder's SDL beside its modules (the compiler copies no `.graphql` file), and fails if a file under a
 * `sandbox/` folder got into the output after all, and builds the console into `dist/prod/console`. `npm run build`
 * (`dist/`) still compiles everything.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The production build's folder (`outDir` of tsconfig.prod.json); its files mirror the project's (`dist/prod/src/…`). */
const OUT = join(ROOT, 'dist', 'prod');

function main(): void {
  rmSync(OUT, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.prod.json')], { stdio: 'inherit' });
  const compiled = readdirSync(OUT, { recursive: true, encoding: 'utf8' });
  const sandboxes = compiled.filter((file) => file.split(/[\\/]/).includes('sandbox'));
  if (sandboxes.length > 0)
    throw new Error(`the production build holds sandbox files (${sandboxes.join(', ')}): something that src/index.ts loads imports a sandbox by name`);
  let copied = 0;
  for (const folder of new Set(compiled.filter((file) => file.endsWith('.js')).map((file) => dirname(file)))) {
    for (const entry of readdirSync(join(ROOT, folder))) {
      if (!entry.endsWith('.graphql')) continue;
      copyFileSync(join(ROOT, folder, entry), join(OUT, folder, entry));
      copied += 1;
    }
  }
  // The console (console/, Vite) into dist/prod/console: the image serves it at /console when GATEWAY_CONSOLE=on.
  const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  execFileSync(process.execPath, [vite, 'build', '--config', join(ROOT, 'vite.console.config.ts'), '--logLevel', 'warn'], {
    stdio: 'inherit',
    env: { ...process.env, CONSOLE_OUT_DIR: join(OUT, 'console') },
  });
  console.log(
    `build:prod: ${compiled.filter((file) => file.endsWith('.js')).length} modules and ${copied} SDL files in ${OUT}, no sandbox; the console in ${join(OUT, 'console')}`,
  );
}

try {
  main();
} catch (error) {
  // tsc has printed its own errors already.
  console.error(`build:prod: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
