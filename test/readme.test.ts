/**
 * The README's curl commands work as printed (issue 22): every file a `-F name=@path` uploads is in the repository
 * (curl reads it relative to the clone's root), and each command, sent as curl would send it to a gateway in front of
 * the sandboxes, is answered without errors. The commands are read from the README's `sh` blocks and split as a shell
 * splits them; an option this reader does not know fails the test rather than being skipped.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from './helpers/gateway.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
/** Where the README's commands send their requests: `npm start`'s default address. */
const README_ENDPOINT = 'http://127.0.0.1:4000/graphql';

/** The words of a shell command line: single quotes literal, double quotes with `\"`, `\\`, `\$` and `` \` ``, `\` newline joined. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line.charAt(i);
    if (ch === '\\' && line.charAt(i + 1) === '\n') {
      i += 1;
      continue;
    }
    if (/\s/.test(ch)) {
      if (word !== undefined) words.push(word);
      word = undefined;
      continue;
    }
    if (ch === '#' && word === undefined) break;
    word ??= '';
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unclosed ' in ${line}`);
      word += line.slice(i + 1, end);
      i = end;
    } else if (ch === '"') {
      let j = i + 1;
      for (; j < line.length && line.charAt(j) !== '"'; j += 1) {
        if (line.charAt(j) === '\\' && '"\\$`'.includes(line.charAt(j + 1))) j += 1;
        word += line.charAt(j);
      }
      if (j >= line.length) throw new Error(`unclosed " in ${line}`);
      i = j;
    } else if (ch === '\\') {
      word += line.charAt(i + 1);
      i += 1;
    } else {
      word += ch;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** The curl commands of the README's `sh` blocks, continuation lines joined, up to a pipe. */
function readmeCurlCommands(): string[][] {
  const commands: string[][] = [];
  for (const [, block] of README.matchAll(/```sh\n([\s\S]*?)```/g)) {
    for (const line of (block ?? '').replace(/\\\n/g, ' ').split('\n')) {
      const words = shellWords(line);
      const pipe = words.indexOf('|');
      const command = pipe < 0 ? words : words.slice(0, pipe);
      if (command[0] === 'curl') commands.push(command);
    }
  }
  return commands;
}

/** A curl command as a request: its URL, headers and body (`-d` as given, `-F` as multipart, `@path` read from the root). */
function asRequest(words: string[]): { url: string; init: RequestInit; files: string[]; stream: boolean } {
  let url: string | undefined;
  let stream = false;
  const headers = new Headers();
  let data: string | undefined;
  const parts: [string, string][] = [];
  for (let i = 1; i < words.length; i += 1) {
    const word = words[i]!;
    const value = () => {
      const next = words[i + 1];
      if (next === undefined) throw new Error(`${word} needs a value`);
      i += 1;
      return next;
    };
    if (word === '-s') continue;
    if (word === '-N') {
      stream = true;
      continue;
    }
    if (word === '-H') {
      const header = value();
      const colon = header.indexOf(':');
      headers.set(header.slice(0, colon).trim(), header.slice(colon + 1).trim());
    } else if (word === '-d') data = value();
    else if (word === '-F') {
      const field = value();
      const eq = field.indexOf('=');
      parts.push([field.slice(0, eq), field.slice(eq + 1)]);
    } else if (word.startsWith('-')) throw new Error(`this test does not know curl's ${word}: teach it, or keep the README's commands simple`);
    else if (url === undefined) url = word;
    else throw new Error(`a second URL: ${word}`);
  }
  if (url === undefined) throw new Error(`no URL in ${words.join(' ')}`);
  const files: string[] = [];
  if (parts.length === 0)
    return { url, init: { method: data === undefined ? 'GET' : 'POST', headers, ...(data === undefined ? {} : { body: data }) }, files, stream };
  const form = new FormData();
  for (const [name, text] of parts) {
    if (!text.startsWith('@')) {
      form.append(name, text);
      continue;
    }
    const path = text.slice(1);
    files.push(path);
    form.append(name, new Blob([readFileSync(join(ROOT, path))]), path.split('/').pop());
  }
  return { url, init: { method: 'POST', headers, body: form }, files, stream };
}

const commands = readmeCurlCommands();
const uploads = commands.filter((words) => words.some((w, i) => words[i - 1] === '-F' && w.includes('=@')));
/** The README's other commands that call the gateway's /graphql (queries: they change nothing). */
const queries = commands.filter((words) => words.includes(README_ENDPOINT) && !uploads.includes(words));

describe("the README's curl commands", () => {
  it('are found: the query and the upload', () => {
    expect(queries.length).toBeGreaterThanOrEqual(1);
    expect(uploads.length).toBeGreaterThanOrEqual(1);
  });

  it('upload only files that are in the repository (paths from the root, where the README runs them)', () => {
    for (const words of uploads) {
      for (const [i, word] of words.entries()) {
        if (words[i - 1] !== '-F' || !word.includes('=@')) continue;
        const path = word.slice(word.indexOf('=@') + 2);
        expect(existsSync(join(ROOT, path)), `${path} (README: ${word})`).toBe(true);
      }
    }
  });
});

describe("the README's curl commands against the sandboxes", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack.stop();
  });

  it('each query is answered with data and no errors', async () => {
    for (const words of queries) {
      const { url, init, stream } = asRequest(words);
      if (stream) continue;
      const res = await fetch(url.replace(README_ENDPOINT, stack.gateway.url), init);
      const body = (await res.json()) as { data?: unknown; errors?: unknown };
      expect(body.errors, words.join(' ')).toBeUndefined();
      expect(res.status).toBe(200);
      expect(body.data).toBeTruthy();
    }
  });

  it('each subscription (curl -N) opens an event stream', async () => {
    const streams = queries.filter((words) => asRequest(words).stream);
    expect(streams.length).toBeGreaterThanOrEqual(1);
    for (const words of streams) {
      const { url, init } = asRequest(words);
      const abort = new AbortController();
      const res = await fetch(url.replace(README_ENDPOINT, stack.gateway.url), { ...init, signal: abort.signal });
      expect(res.status, words.join(' ')).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const reader = res.body!.getReader();
      const first = await reader.read();
      // The stream opens with a keep-alive comment; an error would be an event.
      expect(new TextDecoder().decode(first.value)).toMatch(/^:/);
      abort.abort();
    }
  });

  it('the upload replaces the source config with the example file, which a read then shows', async () => {
    const [words] = uploads;
    const { url, init, files } = asRequest(words!);
    expect(files).toEqual(['examples/source-config.xml']);
    const res = await fetch(url.replace(README_ENDPOINT, stack.gateway.url), init);
    const body = (await res.json()) as { data?: { uploadScriptConnectorFile: { status: string } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data?.uploadScriptConnectorFile.status).toBe('UPDATED');
    const read = await stack.gql<{ scriptConnector: { sourceConfig: string; settings: { sections: { fields: { key: string }[] }[] } } }>(
      '{ scriptConnector(scriptName: "active-directory") { sourceConfig settings { sections { fields { key } } } } }',
    );
    expect(read.body.data!.scriptConnector.sourceConfig).toBe(readFileSync(join(ROOT, 'examples/source-config.xml'), 'utf8'));
    expect(read.body.data!.scriptConnector.settings.sections.flatMap((s) => s.fields.map((f) => f.key))).toEqual(['host', 'password']);
  });

  it('the same upload with a file that is not well-formed is refused in a sentence that ends once, and nothing is sent', async () => {
    const [words] = uploads;
    const broken = words!.map((word) => (word.includes('=@') ? word.replace(/=@.*/, '=@test/fixtures/not-well-formed.xml') : word));
    const { url, init } = asRequest(broken);
    stack.resetCalls();
    const res = await fetch(url.replace(README_ENDPOINT, stack.gateway.url), init);
    const body = (await res.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toBe('The SOURCE_CONFIG file is refused: not well-formed XML: 1:7: unexpected close tag.');
    expect(stack.apiCalls({ method: 'PUT' })).toBe(0);
  });
});
