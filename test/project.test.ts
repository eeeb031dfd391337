/**
 * The project's own setup (issue 16): `npm ci && npm test` needs only the clone (no browser, nothing beside the
 * checkout such as the shared folder, but for the contract proxy that `npm run test:contract` wires in), the
 * browser tests run with `npm run test:browser` instead, and package.json declares every package the code imports
 * (src/ only from `dependencies`, which the image installs). Imports are read with TypeScript's own pre-processor.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { createVitest } from 'vitest/node';
import { minVersion, satisfies } from 'semver';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CODE = /\.(?:[cm]?ts|[cm]?js|tsx)$/;

/** Where the code lives: every import of these must be declared. */
const CODE_ROOTS = ['src', 'test', 'bench', 'scripts', 'examples', 'codegen.ts', 'vitest.config.ts', 'vitest.browser.config.ts'];

/** Paths below the project, relative and with `/`, of the code files under `root` (a folder or a file). */
function codeFiles(root: string): string[] {
  const full = join(ROOT, root);
  let entries: string[];
  try {
    entries = readdirSync(full, { recursive: true, encoding: 'utf8' }).map((entry) => join(root, entry));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') entries = [root];
    else throw error;
  }
  return entries.filter((p) => CODE.test(p) && !p.split(/[\\/]/).includes('node_modules')).map((p) => p.split('\\').join('/'));
}

/** What a file imports (static, dynamic, `require`, `/// <reference types>`), as written. */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true);
  return [...info.importedFiles, ...info.typeReferenceDirectives].map((ref) => ref.fileName);
}

/** The package a bare specifier names (`@scope/name/sub` → `@scope/name`); undefined for paths and Node's modules. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return undefined;
  const name = specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');
  return builtinModules.includes(name) ? undefined : name;
}

/** The files a vitest config runs, relative to the project. */
async function suiteOf(config: string): Promise<string[]> {
  const vitest = await createVitest('test', { config: join(ROOT, config), watch: false }, {}, {});
  try {
    return (await vitest.globTestSpecifications()).map((spec) => relative(ROOT, spec.moduleId).split('\\').join('/')).sort();
  } finally {
    await vitest.close();
  }
}

/** The project's files that `entries` load, themselves included, following relative imports (`.js` for `.ts`). */
function moduleGraph(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const pending = [...entries];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of importsOf(file)) {
      if (!specifier.startsWith('.')) continue;
      const target = relative(ROOT, resolve(ROOT, dirname(file), specifier))
        .split('\\')
        .join('/');
      pending.push(target.replace(/\.js$/, '.ts'));
    }
  }
  return seen;
}

describe('npm test needs only the clone', () => {
  it('leaves the browser tests to npm run test:browser and the cluster tests to npm run test:cluster, and the three commands run every test file', async () => {
    const [main, browser, cluster] = await Promise.all([suiteOf('vitest.config.ts'), suiteOf('vitest.browser.config.ts'), suiteOf('vitest.cluster.config.ts')]);
    const all = codeFiles('test')
      .filter((p) => p.endsWith('.test.ts'))
      .sort();
    expect(browser.length).toBeGreaterThan(0);
    expect(browser.every((p) => p.endsWith('.browser.test.ts'))).toBe(true);
    expect(main.filter((p) => p.endsWith('.browser.test.ts'))).toEqual([]);
    expect(cluster.length).toBeGreaterThan(0);
    expect(cluster.every((p) => p.endsWith('.cluster.test.ts'))).toBe(true);
    expect(main.filter((p) => p.endsWith('.cluster.test.ts'))).toEqual([]);
    expect([...main, ...browser, ...cluster].sort()).toEqual(all);
  });

  it('loads no browser driver in any file of the main suite, nor of the modules they import', async () => {
    const graph = moduleGraph(await suiteOf('vitest.config.ts'));
    const drivers = [...graph].flatMap((file) =>
      importsOf(file)
        .filter((s) => /^(playwright|puppeteer)/.test(packageOf(s) ?? ''))
        .map((s) => `${file}: ${s}`),
    );
    expect(drivers).toEqual([]);
  });

  it('reads nothing beside the checkout: no file under test/ names the shared folder but the contract check of npm run test:contract', () => {
    const outside = codeFiles('test').filter((p) => p !== 'test/contract/check.mjs' && /\.\.\/shared\b/.test(readFileSync(join(ROOT, p), 'utf8')));
    expect(outside).toEqual([]);
    const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.test).not.toMatch(/shared/);
    expect(scripts['test:browser']).not.toMatch(/shared/);
  });
});

describe('package.json', () => {
  const { dependencies, devDependencies } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;

  /** `file: package` for each package imported by the files under `roots` that `declared` lacks. */
  function undeclared(roots: string[], declared: Record<string, string>): string[] {
    return roots.flatMap(codeFiles).flatMap((file) =>
      importsOf(file)
        .map(packageOf)
        .filter((pkg): pkg is string => pkg !== undefined && !(pkg in declared))
        .map((pkg) => `${file}: ${pkg}`),
    );
  }

  it('declares every package the code imports', () => {
    expect(undeclared(CODE_ROOTS, { ...dependencies, ...devDependencies })).toEqual([]);
  });

  it('has what src/ imports among the dependencies the image installs (npm ci --omit=dev)', () => {
    expect(undeclared(['src'], dependencies!)).toEqual([]);
  });
});

describe('Node versions (README: which Node is quiet, which warns and why)', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string; dev?: boolean; engines?: { node?: string } | string[] }>;
  };
  /** Every installed package's Node range, as `npm ci` checks it (EBADENGINE when the running Node is outside it). */
  const ranges = Object.entries(lock.packages).flatMap(([path, info]) => {
    const engines = info.engines;
    const node = engines !== undefined && !Array.isArray(engines) ? engines.node : undefined;
    return path === '' || node === undefined
      ? []
      : [{ name: `${path.replace(/^.*node_modules\//, '')}@${info.version ?? '?'}`, range: node, dev: info.dev === true }];
  });
  /** The packages the README names as warning on Node 20: codegen's loaders, @logto/api (one test), @whatwg-node/promise-helpers (via @graphql-tools/schema). */
  const NAMED = /^(@whatwg-node\/[\w-]+|listr2|sync-fetch|@logto\/api)@/;
  const outside = (version: string) => ranges.filter((r) => !satisfies(version, r.range)).map((r) => r.name);

  it('.nvmrc names a Node on which npm ci prints no engine warning', () => {
    const nvmrc = readFileSync(join(ROOT, '.nvmrc'), 'utf8').trim();
    const version = minVersion(nvmrc)!.version;
    expect(ranges.length).toBeGreaterThan(100);
    expect(outside(version)).toEqual([]);
    expect(satisfies(version, pkg.engines.node)).toBe(true);
  });

  it('the engines floor is one every package accepts, but those the README names as warning (their warnings are harmless: the suite runs on Node 20)', () => {
    const floor = minVersion(pkg.engines.node)!.version;
    expect(outside(floor).filter((name) => !NAMED.test(name))).toEqual([]);
    // The named ones still ask for more than Node 20: when they stop, the README's paragraph goes.
    expect(outside('20.99.0').filter((name) => NAMED.test(name)).length).toBeGreaterThan(0);
  });
});
