/**
 * The gateway's link to Redis (`REDIS_URL`): what replicas share lives there (rate budgets, tokens, persisted
 * queries, cached responses, locks, published changes). One command connection and, on first subscription, one
 * subscriber connection. Redis may go away at any time: commands then fail fast (no offline queue, a timeout per
 * command), the switch is logged once each way, listeners are told (so that each user falls back to its local
 * state, and flushes what it cannot prove fresh when Redis returns), and `/readyz` shows the link as degraded.
 * Knows no vendor. Internal module.
 */
import { createClient } from '@redis/client';
import type { Logger } from 'pino';

/** The node-redis client the gateway uses (RESP2, no modules). */
export type RedisClient = ReturnType<typeof createClient>;

export interface RedisLinkOptions {
  url: string;
  /** Put before every key and channel, so that several gateways (or environments) can share one Redis. */
  keyPrefix: string;
  logger: Logger;
  /** A command that takes longer fails (the caller falls back to its local state). */
  commandTimeoutMs?: number;
  /** Longest wait between two reconnection attempts. */
  maxReconnectDelayMs?: number;
}

/** What `/readyz` shows of the link. */
export interface RedisLinkView {
  status: 'up' | 'down';
  /** Milliseconds since the last switch. */
  sinceMs: number;
}

/** Whether Redis serves now; told on every switch (false: it went away; true: it came back). */
type SwitchListener = (available: boolean) => void;

const DEFAULT_COMMAND_TIMEOUT_MS = 500;
const DEFAULT_MAX_RECONNECT_DELAY_MS = 2_000;

/** The link: a command client, an optional subscriber, and whether Redis serves now. */
export class RedisLink {
  readonly client: RedisClient;
  readonly keyPrefix: string;
  private subscriber: RedisClient | undefined;
  private readonly listeners = new Set<SwitchListener>();
  private up = false;
  private switchedAt = performance.now();
  private closed = false;
  private readonly logger: Logger;
  private readonly options: RedisLinkOptions;

  private constructor(options: RedisLinkOptions) {
    this.options = options;
    this.keyPrefix = options.keyPrefix;
    this.logger = options.logger;
    this.client = this.newClient();
    this.client.on('ready', () => {
      this.switchTo(true);
    });
    this.client.on('end', () => {
      this.switchTo(false);
    });
    this.client.on('error', () => {
      // Every failed reconnection emits one: the switch is logged once (switchTo), not each error.
      this.switchTo(false);
    });
  }

  /**
   * Connects (without waiting for Redis to answer: a gateway starts, degraded, while Redis is away, and the link
   * keeps reconnecting).
   */
  static open(options: RedisLinkOptions): RedisLink {
    const link = new RedisLink(options);
    link.client.connect().catch(() => {
      // Refused at start: the 'error' listener logged the switch; the client keeps reconnecting.
    });
    return link;
  }

  /** Whether Redis serves now. */
  get available(): boolean {
    return this.up;
  }

  /** A key (or channel) under the gateway's prefix. */
  key(...parts: string[]): string {
    return this.keyPrefix + parts.join(':');
  }

  /** Tells `listener` of every switch from now on; returns the function that stops it. */
  onSwitch(listener: SwitchListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once Redis serves (for start-up and tests), or after `timeoutMs` with false. */
  async waitUntilAvailable(timeoutMs: number): Promise<boolean> {
    if (this.up) return true;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        stop();
        resolve(false);
      }, timeoutMs);
      const stop = this.onSwitch((available) => {
        if (!available) return;
        clearTimeout(timer);
        stop();
        resolve(true);
      });
    });
  }

  /** Publishes `message` on `channel` (prefixed); false when Redis is away (nobody else can be told). */
  async publish(channel: string, message: string): Promise<boolean> {
    if (!this.up) return false;
    try {
      await this.client.publish(this.key(channel), message);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Calls `listener` with every message published on `channel` (prefixed) by any replica, this one included. The
   * subscription is renewed on every reconnection by the client.
   */
  async subscribe(channel: string, listener: (message: string) => void): Promise<void> {
    if (this.subscriber === undefined) {
      const subscriber = this.newClient();
      subscriber.on('error', () => {
        // The command client's listeners log the switch; the subscriber reconnects on its own.
      });
      this.subscriber = subscriber;
      subscriber.connect().catch(() => {
        // As above: it keeps reconnecting, and subscribes again when it is back.
      });
    }
    await this.subscriber.subscribe(this.key(channel), listener);
  }

  /** What `/readyz` shows. */
  view(): RedisLinkView {
    return { status: this.up ? 'up' : 'down', sinceMs: Math.round(performance.now() - this.switchedAt) };
  }

  /** Closes both connections; no switch is reported after it. */
  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    await Promise.allSettled([this.client.isOpen ? this.client.close() : undefined, this.subscriber?.isOpen ? this.subscriber.close() : undefined]);
  }

  private newClient(): RedisClient {
    const maxDelay = this.options.maxReconnectDelayMs ?? DEFAULT_MAX_RECONNECT_DELAY_MS;
    return createClient({
      url: this.options.url,
      // Fail fast while Redis is away: every user has a local fallback, and a queued command would only wait.
      disableOfflineQueue: true,
      commandOptions: { timeout: this.options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS },
      socket: {
        connectTimeout: 2_000,
        reconnectStrategy: (retries) => Math.min(50 * 2 ** Math.min(retries, 10), maxDelay),
      },
    });
  }

  private switchTo(available: boolean): void {
    if (this.closed || available === this.up) return;
    this.up = available;
    this.switchedAt = performance.now();
    if (available) this.logger.info({ redis: 'up' }, 'Redis is reachable: shared state (rate budgets, tokens, caches, locks) is shared by the replicas again');
    else this.logger.warn({ redis: 'down' }, 'Redis is unreachable: running on local limits and caches until it returns');
    for (const listener of this.listeners) {
      try {
        listener(available);
      } catch (error) {
        this.logger.error({ err: error }, 'a Redis switch listener failed');
      }
    }
  }
}
