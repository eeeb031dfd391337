/**
 * Live updates: the subscriptions' hub. One poller per watched connector, however many subscribers watch it: it
 * reads the connector through its source's port (`load`, with a context of its own, so through the source's client,
 * its rate limit and breaker) every `activeMs` while a change is under way (`LiveStatus.active`) and every `idleMs`
 * otherwise, and pushes a change once to every subscriber. Changes made through this gateway are published at once
 * (`publish`, from the mutation wrapper in publish.ts) and make the pollers of the connectors they touch poll now.
 * The last subscriber leaving stops the poller. Each subscriber has a bounded queue: one that falls behind (its
 * queue full, or its connection not taking what was written) is dropped with a reason instead of buffered. `close`
 * (shutdown) completes every stream. Vendor-free: sources only through the port. Internal module.
 */
import type { Logger } from 'pino';
import { createContext, type Services } from '../context.js';
import type { Caller } from '../auth/authenticate.js';
import { forbiddenFor, NO_ACCESS } from '../auth/roles.js';
import { BadUserInputError, GatewayError } from '../errors/classes.js';
import { GatewayErrorCode, type SourceName } from '../errors/codes.js';
import { isNotFound } from '../errors/notFound.js';
import { backgroundCalls, BudgetReservedError } from '../http/resilience.js';
import { encodeGlobalId, type GlobalId } from '../graph/globalId.js';

/** How a connector changed (`ConnectorChangeKind`). */
export type ChangeKind = 'CREATED' | 'UPDATED' | 'DELETED';

/** One change of one connector (the GraphQL `ConnectorChange`). */
export interface ConnectorChangeEvent {
  kind: ChangeKind;
  id: string;
  source: SourceName;
  /** The source's own object, as its resolvers take it; null when deleted. */
  connector: object | null;
  at: string;
}

export interface LiveOptions {
  /** Most open subscriptions of one caller (by subject), and of the process. */
  maxPerCaller: number;
  max: number;
  /**
   * Most connectors polled at a time (each costs its source a read every idle interval, against the source's rate
   * budget): a subscription that would add pollers beyond it is refused. Undefined: no bound (tests of the hub).
   */
  maxWatched?: number;
  /** Poll intervals while a change is under way, and otherwise. */
  activeMs: number;
  idleMs: number;
  /** Most events waiting for one subscriber before it is dropped. */
  queueLength?: number;
  /** Most bytes its connection may hold unsent before it is dropped. */
  maxPendingBytes?: number;
}

/** Most ids one subscription may watch. */
const MAX_WATCHED_IDS = 100;
const DEFAULT_QUEUE_LENGTH = 64;
const DEFAULT_MAX_PENDING_BYTES = 1024 * 1024;

/** What a subscriber's connection says about itself: how much it holds unsent (the SSE response's buffer). */
export interface Downstream {
  pendingBytes(): number;
}

/** The marker that ends a dropped subscriber's stream: its resolver turns it into the error (`dropReason`). */
export const DROPPED: unique symbol = Symbol('dropped');

/** The error a dropped subscriber gets as its last event. */
export function dropReason(): GatewayError {
  return new GatewayError(
    'This subscription was closed because its client did not keep up with its events; subscribe again (and read the stream as it comes).',
    GatewayErrorCode.SLOW_CONSUMER,
  );
}

/** The caller polls run as: no roles (a poll reads through the source's port, which checks none). */
const POLLER: Caller = Object.freeze({ kind: 'anonymous', subject: 'live-poller', permissions: NO_ACCESS });

/** An event stream for one subscription: bounded, ended by the hub or by its consumer. */
class Subscriber implements AsyncIterableIterator<object | typeof DROPPED> {
  private readonly queue: (object | typeof DROPPED)[] = [];
  private waiting: ((result: IteratorResult<object | typeof DROPPED>) => void) | undefined;
  closed = false;

  constructor(
    readonly hub: LiveHub,
    readonly caller: string,
    /** Canonical ids watched (polled); empty: none. */
    readonly ids: Set<string>,
    /** What this subscriber takes: a status change of a watched id (`status`), or changes that `accepts`. */
    readonly wants: { status: true } | { status: false; accepts: (change: ConnectorChangeEvent) => boolean },
    private readonly downstream: Downstream | undefined,
    private readonly limits: { queueLength: number; maxPendingBytes: number },
  ) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** Queues an event; a subscriber that is behind is dropped instead. */
  push(value: object): void {
    if (this.closed) return;
    // The connection's unsent bytes first: the SSE handler takes each event at once and writes it, so a client that
    // stops reading shows there, not in this queue.
    if (this.queue.length >= this.limits.queueLength || (this.downstream?.pendingBytes() ?? 0) > this.limits.maxPendingBytes) {
      this.hub.dropped(this);
      return;
    }
    const waiting = this.waiting;
    if (waiting !== undefined && this.queue.length === 0) {
      this.waiting = undefined;
      waiting({ value, done: false });
      return;
    }
    this.queue.push(value);
  }

  /** Ends the stream: after what is queued (complete), or at once with the drop reason (dropped). */
  end(dropped: boolean): void {
    if (this.closed) return;
    this.closed = true;
    if (dropped) this.queue.splice(0, this.queue.length, DROPPED);
    if (this.waiting !== undefined) {
      const waiting = this.waiting;
      this.waiting = undefined;
      const value = this.queue.shift();
      waiting(value === undefined ? { value: undefined, done: true } : { value, done: false });
    }
  }

  next(): Promise<IteratorResult<object | typeof DROPPED>> {
    const value = this.queue.shift();
    if (value !== undefined) return Promise.resolve({ value, done: false });
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  /** The consumer leaves (disconnect, or the stream ended): the hub forgets it. */
  return(): Promise<IteratorResult<object | typeof DROPPED>> {
    this.end(false);
    this.queue.length = 0;
    this.hub.leave(this);
    return Promise.resolve({ value: undefined, done: true });
  }
}

type AnySubscriber = Subscriber;

/** One watched connector and its poller. */
class Watch {
  readonly subscribers = new Set<AnySubscriber>();
  timer: NodeJS.Timeout | undefined;
  polling = false;
  /** Poll again as soon as the poll under way ends. */
  again = false;
  lastPollAt = 0;
  /** JSON of the last status and of the last whole connector seen; undefined: not seen yet (the first poll sets them). */
  status: string | undefined;
  whole: string | undefined;
  /**
   * The connector changed through this gateway (published already): the next poll takes it as it is, or finds it
   * gone, without an event of its own (a status change is still pushed to status subscribers).
   */
  rebaseline = false;
  active = false;

  constructor(
    readonly id: string,
    readonly global: GlobalId,
  ) {}
}

export class LiveHub {
  private readonly watches = new Map<string, Watch>();
  private readonly all = new Set<AnySubscriber>();
  private readonly perCaller = new Map<string, number>();
  private readonly logger: Logger;
  private readonly limits: { queueLength: number; maxPendingBytes: number };
  private polls = 0;
  private closed = false;

  constructor(
    private readonly services: Services,
    private readonly options: LiveOptions,
  ) {
    this.logger = services.logger;
    this.limits = {
      queueLength: options.queueLength ?? DEFAULT_QUEUE_LENGTH,
      maxPendingBytes: options.maxPendingBytes ?? DEFAULT_MAX_PENDING_BYTES,
    };
  }

  /** Open subscriptions, and connectors being polled (metrics, tests, bench). */
  get size(): { subscriptions: number; watched: number } {
    return { subscriptions: this.all.size, watched: this.watches.size };
  }

  /**
   * The connectors among `ids` as they change status. BAD_USER_INPUT for an id that is not a connector's or whose
   * source has no status; the caps refuse one subscription too many. Nothing is read before the first poll.
   */
  statusChanges(
    caller: string,
    ids: readonly string[],
    readable: ReadonlySet<SourceName>,
    downstream?: Downstream,
  ): AsyncIterableIterator<object | typeof DROPPED> {
    const decoded = this.decodeIds(ids, 'ids', readable);
    if (decoded.length === 0) throw new BadUserInputError('ids must name at least one connector.', { argumentName: 'ids' });
    for (const [id, global] of decoded) {
      if (this.services.sources.get(global.source).live === undefined) {
        throw new BadUserInputError(`The connector ${id} has no status to watch: its source (${global.source}) reports none.`, { argumentName: 'ids', id });
      }
    }
    return this.join(caller, decoded, { status: true }, downstream);
  }

  /**
   * Changes of connectors: of `ids` (polled) and published ones, of `sources` when given (only published ones when
   * no ids are given), of the sources `readable` otherwise.
   */
  changes(
    caller: string,
    filter: { ids?: readonly string[] | null; sources?: readonly SourceName[] | null },
    readable: ReadonlySet<SourceName>,
    downstream?: Downstream,
  ): AsyncIterableIterator<ConnectorChangeEvent | typeof DROPPED> {
    const decoded = filter.ids == null ? undefined : this.decodeIds(filter.ids, 'ids', readable);
    if (filter.sources != null) for (const source of filter.sources) if (!readable.has(source)) throw forbiddenFor(false, source);
    const ids = decoded === undefined ? undefined : new Set(decoded.map(([id]) => id));
    const sources = filter.sources == null ? undefined : new Set(filter.sources);
    const accepts = (change: ConnectorChangeEvent): boolean =>
      readable.has(change.source) && (ids === undefined || ids.has(change.id)) && (sources === undefined || sources.has(change.source));
    return this.join(caller, decoded ?? [], { status: false, accepts }, downstream) as AsyncIterableIterator<ConnectorChangeEvent | typeof DROPPED>;
  }

  /** A change made through this gateway: pushed at once to whoever takes it; the pollers of that connector poll now. */
  publish(change: ConnectorChangeEvent): void {
    if (this.all.size === 0) return;
    for (const subscriber of this.all) if (!subscriber.wants.status && subscriber.wants.accepts(change)) subscriber.push(change);
    const watch = this.watches.get(change.id);
    if (watch === undefined) return;
    watch.rebaseline = true;
    this.kick(watch);
  }

  /** A change through this gateway that names no connector (e.g. a file upload): the watched connectors of `source` poll now. */
  touched(source: SourceName): void {
    for (const watch of this.watches.values()) if (watch.global.source === source) this.kick(watch);
  }

  /** Shutdown: every stream completes and every poller stops. */
  close(): void {
    this.closed = true;
    for (const subscriber of [...this.all]) {
      subscriber.end(false);
      this.leave(subscriber);
    }
  }

  /** A subscriber that fell behind: its stream ends with the drop reason. */
  dropped(subscriber: AnySubscriber): void {
    this.logger.warn({ caller: subscriber.caller }, 'a subscriber that did not keep up was dropped');
    subscriber.end(true);
    this.leave(subscriber);
  }

  /** Forgets a subscriber; a watch it was the last of stops. */
  leave(subscriber: AnySubscriber): void {
    if (!this.all.delete(subscriber)) return;
    const count = (this.perCaller.get(subscriber.caller) ?? 1) - 1;
    if (count === 0) this.perCaller.delete(subscriber.caller);
    else this.perCaller.set(subscriber.caller, count);
    for (const id of subscriber.ids) this.unwatch(id, subscriber);
  }

  /** The connectors `ids` name, by canonical id; BAD_USER_INPUT for one that is not a connector's, FORBIDDEN for a source the caller may not read. */
  private decodeIds(ids: readonly string[], argumentName: string, readable: ReadonlySet<SourceName>): [string, GlobalId][] {
    if (ids.length > MAX_WATCHED_IDS) throw new BadUserInputError(`${argumentName} may name at most ${MAX_WATCHED_IDS} connectors.`, { argumentName });
    const out = new Map<string, GlobalId>();
    for (const id of ids) {
      const global = this.services.sources.decodeGlobalId(id, argumentName);
      if (!this.services.sources.isConnector(global.type)) {
        throw new BadUserInputError(`${id} is not a connector's id (it is a ${global.type}'s).`, { argumentName, id });
      }
      if (!readable.has(global.source)) throw forbiddenFor(false, global.source);
      out.set(encodeGlobalId(global.type, ...global.key), global);
    }
    return [...out];
  }

  private join(caller: string, decoded: readonly [string, GlobalId][], wants: AnySubscriber['wants'], downstream: Downstream | undefined): Subscriber {
    if (this.closed) {
      // Shutting down: a stream that completes at once.
      const ended = new Subscriber(this, caller, new Set(), wants, downstream, this.limits);
      ended.end(false);
      return ended;
    }
    const mine = this.perCaller.get(caller) ?? 0;
    if (mine >= this.options.maxPerCaller) {
      throw new GatewayError(
        `Too many subscriptions: you have ${mine} open, the limit per caller is ${this.options.maxPerCaller} (GATEWAY_LIVE_MAX_PER_CALLER). Close one first.`,
        GatewayErrorCode.TOO_MANY_SUBSCRIPTIONS,
        { extensions: { limit: this.options.maxPerCaller } },
      );
    }
    if (this.all.size >= this.options.max) {
      throw new GatewayError(
        `Too many subscriptions: this gateway serves at most ${this.options.max} at a time (GATEWAY_LIVE_MAX). Try again later.`,
        GatewayErrorCode.TOO_MANY_SUBSCRIPTIONS,
        { extensions: { limit: this.options.max } },
      );
    }
    const added = new Set(decoded.map(([id]) => id).filter((id) => !this.watches.has(id))).size;
    const maxWatched = this.options.maxWatched;
    if (maxWatched !== undefined && added > 0 && this.watches.size + added > maxWatched) {
      throw new GatewayError(
        `Too many watched connectors: this gateway polls at most ${maxWatched} connectors at a time (GATEWAY_LIVE_MAX_WATCHED), ${this.watches.size} now, and this subscription would add ${added}. Watch fewer, or try again later.`,
        GatewayErrorCode.TOO_MANY_SUBSCRIPTIONS,
        { extensions: { limit: maxWatched } },
      );
    }
    const subscriber = new Subscriber(this, caller, new Set(decoded.map(([id]) => id)), wants, downstream, this.limits);
    this.all.add(subscriber);
    this.perCaller.set(caller, mine + 1);
    for (const [id, global] of decoded) {
      let watch = this.watches.get(id);
      if (watch === undefined) {
        watch = new Watch(id, global);
        this.watches.set(id, watch);
        this.kick(watch);
      }
      watch.subscribers.add(subscriber);
    }
    return subscriber;
  }

  private unwatch(id: string, subscriber: AnySubscriber): void {
    const watch = this.watches.get(id);
    if (watch === undefined) return;
    watch.subscribers.delete(subscriber);
    if (watch.subscribers.size > 0) return;
    clearTimeout(watch.timer);
    watch.timer = undefined;
    this.watches.delete(id);
  }

  /** Polls `watch` now, or as soon as the poll under way ends, never sooner than `activeMs` after the last one. */
  private kick(watch: Watch): void {
    if (watch.polling) {
      watch.again = true;
      return;
    }
    clearTimeout(watch.timer);
    const wait = Math.max(0, watch.lastPollAt + this.options.activeMs - performance.now());
    watch.timer = setTimeout(() => void this.poll(watch), watch.lastPollAt === 0 ? 0 : wait);
  }

  private schedule(watch: Watch): void {
    if (this.watches.get(watch.id) !== watch) return;
    if (watch.again) {
      watch.again = false;
      this.kick(watch);
      return;
    }
    watch.timer = setTimeout(() => void this.poll(watch), watch.active ? this.options.activeMs : this.options.idleMs);
  }

  private async poll(watch: Watch): Promise<void> {
    watch.timer = undefined;
    if (this.watches.get(watch.id) !== watch) return;
    watch.polling = true;
    watch.lastPollAt = performance.now();
    const { source: sourceName, type, key } = watch.global;
    const source = this.services.sources.get(sourceName);
    let connector: object | null;
    try {
      const ctx = createContext(this.services, `live-${++this.polls}`, POLLER);
      // Polls are background work: they take a token only while the callers' reserve is untouched, and never wait.
      connector = await backgroundCalls.run(true, () => source.load(ctx, type, key));
    } catch (error) {
      if (isNotFound(error)) connector = null;
      else if (error instanceof BudgetReservedError) {
        // The source's budget is down to the callers' reserve: this poll is skipped, the next is at its interval.
        this.logger.debug({ source: sourceName, id: watch.id }, "a live poll was skipped: the source's rate budget is down to the callers' reserve");
        watch.polling = false;
        this.schedule(watch);
        return;
      } else {
        this.logger.warn({ source: sourceName, id: watch.id, err: error }, 'a live poll failed; the next one is at the idle interval');
        watch.polling = false;
        watch.active = false;
        this.schedule(watch);
        return;
      }
    }
    watch.polling = false;
    if (this.watches.get(watch.id) !== watch) return;
    if (connector === null) {
      this.gone(watch, sourceName);
      return;
    }
    const status = source.live === undefined ? undefined : JSON.stringify(source.live.status(connector) ?? null);
    watch.active = source.live?.active(connector) ?? false;
    const whole = JSON.stringify(connector);
    const first = watch.whole === undefined;
    const statusChanged = !first && status !== watch.status;
    const changed = !first && !watch.rebaseline && whole !== watch.whole;
    watch.status = status;
    watch.whole = whole;
    watch.rebaseline = false;
    if (statusChanged || changed) {
      const change: ConnectorChangeEvent = { kind: 'UPDATED', id: watch.id, source: sourceName, connector, at: new Date().toISOString() };
      for (const subscriber of watch.subscribers) {
        if (subscriber.wants.status) {
          if (statusChanged) subscriber.push(connector);
        } else if (changed && subscriber.wants.accepts(change)) subscriber.push(change);
      }
    }
    this.schedule(watch);
  }

  /** A watched connector is gone: DELETED to its change subscribers; status subscribers left with no id complete. */
  private gone(watch: Watch, source: SourceName): void {
    const change: ConnectorChangeEvent = { kind: 'DELETED', id: watch.id, source, connector: null, at: new Date().toISOString() };
    this.watches.delete(watch.id);
    for (const subscriber of watch.subscribers) {
      subscriber.ids.delete(watch.id);
      if (!subscriber.wants.status) {
        if (!watch.rebaseline && subscriber.wants.accepts(change)) subscriber.push(change);
      } else if (subscriber.ids.size === 0) {
        subscriber.end(false);
        this.leave(subscriber);
      }
    }
  }
}
