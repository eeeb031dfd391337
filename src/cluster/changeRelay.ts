/**
 * Tells the other replicas of the changes made through this one (REDIS_URL): every change of the change feed is
 * published on Redis pub/sub (`<prefix>changes`) as its kind, connector id, source and time only (no payload: Redis
 * never holds connector data), and every change another replica published is handed to `onRemote` (the live hub
 * polls that source's watched connectors now). The shared response cache needs none of this (its drops are marks in
 * Redis itself); a change published while Redis is away is lost, and the subscription is made again whenever the
 * link comes back. Knows no vendor. Internal module.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { parseJsonObject } from '../json.js';
import type { Change, ChangeFeed } from '../live/changes.js';
import type { RedisLink } from './redis.js';

const CHANNEL = 'changes';
const KINDS = new Set<string>(['CREATED', 'UPDATED', 'DELETED', 'TOUCHED']);

interface Relayed extends Change {
  /** The replica that published it. */
  from: string;
}

/** A relayed change from its message; undefined when it is not one (a foreign or damaged message is ignored). */
export function parseRelayed(message: string): Relayed | undefined {
  const v = parseJsonObject(message);
  if (v === undefined) return undefined;
  if (typeof v.kind !== 'string' || !KINDS.has(v.kind) || typeof v.source !== 'string' || typeof v.at !== 'string' || typeof v.from !== 'string')
    return undefined;
  if (v.id !== null && typeof v.id !== 'string') return undefined;
  return { kind: v.kind as Change['kind'], id: v.id, source: v.source, at: v.at, from: v.from };
}

export class ChangeRelay {
  /** This replica's id in its messages (its own are not handed back to it). */
  readonly replica = randomUUID();
  private subscribed = false;
  private readonly stops: (() => void)[] = [];

  constructor(
    private readonly link: RedisLink,
    feed: ChangeFeed,
    private readonly onRemote: (change: Change) => void,
    private readonly logger: Logger,
  ) {
    this.stops.push(
      feed.on(async (change) => {
        const relayed: Relayed = { kind: change.kind, id: change.id, source: change.source, at: change.at, from: this.replica };
        await link.publish(CHANNEL, JSON.stringify(relayed));
      }),
      link.onSwitch((available) => {
        if (available) void this.subscribe();
      }),
    );
    if (link.available) void this.subscribe();
  }

  /** Subscribes once; a failure (Redis away) is tried again when the link comes back. */
  private async subscribe(): Promise<void> {
    if (this.subscribed) return;
    this.subscribed = true;
    try {
      await this.link.subscribe(CHANNEL, (message) => {
        const change = parseRelayed(message);
        if (change === undefined || change.from === this.replica) return;
        this.onRemote({ kind: change.kind, id: change.id, source: change.source, at: change.at });
      });
    } catch (error) {
      this.subscribed = false;
      this.logger.debug({ err: error }, 'the change relay could not subscribe yet; it tries again when Redis returns');
    }
  }

  /** Stops publishing and relaying. */
  close(): void {
    for (const stop of this.stops) stop();
  }
}
