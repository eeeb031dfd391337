/**
 * Child processes of the benchmark (sandboxes, gateway, floor): each runs in its own process group so that it, and
 * anything it starts, can be ended as a whole; plus free ports and the /proc readings (RSS, CPU time).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** How many lines of a child's output are kept for error messages. */
const TAIL_LINES = 40;

/** Options of {@link startProcess}. */
export interface StartProcessOptions {
  /** A short name for messages, e.g. `gateway`. */
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** A running child process in its own process group. */
export class ManagedProcess {
  readonly name: string;
  readonly pid: number;
  readonly #child: ChildProcess;
  readonly #tail: string[] = [];
  readonly #lineListeners = new Set<(line: string) => void>();
  readonly exited: Promise<number | null>;
  #exitCode: number | null | undefined;
  #stopping = false;

  constructor(options: StartProcessOptions) {
    this.name = options.name;
    // detached: the child leads a new process group, so a kill of -pid reaches it and its descendants, and a
    // Ctrl-C in the terminal reaches only the harness, which then ends the children itself.
    this.#child = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (this.#child.pid === undefined) throw new Error(`${this.name}: could not start ${options.command}`);
    this.pid = this.#child.pid;
    LIVE.add(this);
    this.exited = new Promise((resolve) => {
      this.#child.once('exit', (code, signal) => {
        this.#exitCode = code ?? (signal ? -1 : null);
        LIVE.delete(this);
        resolve(code);
      });
    });
    // Both streams must be read continuously: a full pipe would block the child.
    this.#readLines(this.#child.stdout, 'out');
    this.#readLines(this.#child.stderr, 'err');
  }

  /** Whether the process is still alive. */
  get running(): boolean {
    return this.#exitCode === undefined;
  }

  /** The last lines the process printed (both streams), for error messages. */
  tail(): string {
    return this.#tail.join('\n');
  }

  /** Throws, with the process's last output, when it has exited. */
  assertRunning(): void {
    if (this.running) return;
    throw new Error(`${this.name} (pid ${this.pid}) exited with ${String(this.#exitCode)}; its last output:\n${this.tail()}`);
  }

  /** Resolves with the first stdout line that `predicate` accepts; rejects on exit or after `timeoutMs`. */
  waitForLine(predicate: (line: string) => boolean, timeoutMs: number): Promise<string> {
    return new Promise((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#lineListeners.delete(listener);
      };
      const listener = (line: string): void => {
        if (!predicate(line)) return;
        done();
        resolve(line);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`${this.name}: no expected output within ${timeoutMs} ms; last output:\n${this.tail()}`));
      }, timeoutMs);
      this.#lineListeners.add(listener);
      void this.exited.then(() => {
        done();
        reject(new Error(`${this.name} exited before it was ready; last output:\n${this.tail()}`));
      });
    });
  }

  /** Ends the process group: SIGTERM, then SIGKILL if it is still there after `graceMs`. Idempotent. */
  async stop(graceMs = 3000): Promise<void> {
    if (!this.running) return;
    this.#stopping = true;
    signalGroup(this.pid, 'SIGTERM');
    const exited = await Promise.race([this.exited.then(() => true), sleep(graceMs).then(() => false)]);
    if (!exited) {
      signalGroup(this.pid, 'SIGKILL');
      await this.exited;
    }
  }

  /** Whether {@link stop} was asked for (an exit then is expected). */
  get stopping(): boolean {
    return this.#stopping;
  }

  /** SIGKILLs the group at once; for the synchronous `exit` handler. */
  killNow(): void {
    if (this.running) signalGroup(this.pid, 'SIGKILL');
  }

  #readLines(stream: NodeJS.ReadableStream | null, label: 'out' | 'err'): void {
    if (!stream) return;
    let pending = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      pending += chunk;
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        const line = pending.slice(0, newline).replace(/\r$/, '');
        pending = pending.slice(newline + 1);
        this.#remember(`[${label}] ${line}`);
        if (label === 'out') for (const listener of [...this.#lineListeners]) listener(line);
        newline = pending.indexOf('\n');
      }
    });
  }

  #remember(line: string): void {
    this.#tail.push(line.length > 2000 ? `${line.slice(0, 2000)}…` : line);
    if (this.#tail.length > TAIL_LINES) this.#tail.shift();
  }
}

/** Every child that has not exited yet, for cleanup. */
const LIVE = new Set<ManagedProcess>();

/** Starts a child process in its own process group. */
export function startProcess(options: StartProcessOptions): ManagedProcess {
  return new ManagedProcess(options);
}

/** Stops every child still running (SIGTERM, then SIGKILL), all in parallel. */
export async function stopAllProcesses(): Promise<void> {
  await Promise.allSettled([...LIVE].map((child) => child.stop()));
}

/** SIGKILLs every child still running; safe inside a synchronous `exit` handler. */
export function killAllProcessesNow(): void {
  for (const child of LIVE) child.killNow();
}

/** The children that exited although nobody stopped them. */
export function crashedProcesses(): ManagedProcess[] {
  return CRASH_WATCH.filter((child) => !child.running && !child.stopping);
}
const CRASH_WATCH: ManagedProcess[] = [];

/** Remembers `child` so that {@link crashedProcesses} reports it if it dies unasked. */
export function watchForCrash(child: ManagedProcess): ManagedProcess {
  CRASH_WATCH.push(child);
  return child;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

/** A free TCP port on 127.0.0.1 (asked of the kernel, then released for the child to bind). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve();
    });
  });
  const address = server.address();
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
  if (address === null || typeof address === 'string') throw new Error('could not find a free port');
  return address.port;
}

// ---------------------------------------------------------------------------------------------------------------------
// /proc readings (Linux)
// ---------------------------------------------------------------------------------------------------------------------

let clockTicks: number | undefined;

/** Clock ticks per second of /proc/<pid>/stat times: `getconf CLK_TCK`, or the usual 100. */
function clockTicksPerSecond(): number {
  if (clockTicks !== undefined) return clockTicks;
  try {
    const value = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    clockTicks = Number.isInteger(value) && value > 0 ? value : 100;
  } catch {
    clockTicks = 100;
  }
  return clockTicks;
}

/** Resident set size of `pid` in bytes (VmRSS), or undefined when it cannot be read. */
export function readRssBytes(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+)\s*kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] === undefined ? undefined : Number(match[1]) * 1024;
  } catch {
    return undefined;
  }
}

/** User + system CPU time of `pid` in milliseconds, or undefined when it cannot be read. */
export function readCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 (utime) and 15 (stime) of proc(5); after the name, field 3 is at index 0.
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / clockTicksPerSecond() : undefined;
  } catch {
    return undefined;
  }
}

/** Samples the RSS of `pid` every `intervalMs` until stopped; `stop()` returns the largest sample (bytes). */
export function sampleMaxRss(pid: number, intervalMs = 100): { stop(): number | undefined } {
  let max = readRssBytes(pid);
  const timer = setInterval(() => {
    const rss = readRssBytes(pid);
    if (rss !== undefined && (max === undefined || rss > max)) max = rss;
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      const rss = readRssBytes(pid);
      if (rss !== undefined && (max === undefined || rss > max)) max = rss;
      return max;
    },
  };
}

/** Whether something accepts connections on `port`. */
export function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      resolve(false);
    });
  });
}
