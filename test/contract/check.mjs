#!/usr/bin/env node
// After `vitest` ran with the contract proxies in front of the sandboxes: print the shared summary, then fail on
// any gateway-side finding that test/contract/allowed.json does not list (with its reason).
//   node test/contract/check.mjs contract-log.jsonl
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const log = process.argv[2] ?? 'contract-log.jsonl';
const summarize = fileURLToPath(new URL('../../../shared/contract-proxy/summarize.mjs', import.meta.url));
spawnSync(process.execPath, [summarize, log], { stdio: 'inherit' });

/** @typedef {{ source: string, kind: string, method: string, url: string, detail?: string }} Finding */
/** @typedef {{ source: string, kind: string, method: string, path: string }} Allowance */

/** @type {unknown} */
const allowances = JSON.parse(readFileSync(new URL('./allowed.json', import.meta.url), 'utf8'));
const { allowed } = /** @type {{ allowed: Allowance[] }} */ (allowances);
/** @param {string} kind */
const gatewaySide = (kind) => kind !== 'ok' && kind !== 'proxy-error' && !kind.startsWith('response-');
/** @param {Finding} e */
const isAllowed = (e) =>
  allowed.some((a) => a.source === e.source && a.kind === e.kind && a.method === e.method && new RegExp(a.path).test(new URL(e.url, 'http://x').pathname));

/** @param {string} line @returns {Finding} */
function parseFinding(line) {
  /** @type {unknown} */
  const finding = JSON.parse(line);
  return /** @type {Finding} */ (finding);
}

const findings = readFileSync(log, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map(parseFinding)
  .filter((e) => gatewaySide(e.kind));
const unexpected = findings.filter((e) => !isAllowed(e));
const excused = findings.length - unexpected.length;
if (excused > 0) console.log(`\n${excused} gateway-side finding(s) allowed by test/contract/allowed.json (each with its reason there).`);
if (unexpected.length > 0) {
  console.error(`\n${unexpected.length} gateway-side contract finding(s) not allowed:`);
  for (const e of unexpected.slice(0, 20)) console.error(`  [${e.source}] ${e.kind} ${e.method} ${e.url}: ${e.detail ?? ''}`);
  process.exit(1);
}
console.log('contract check: no unexpected gateway-side finding.');
