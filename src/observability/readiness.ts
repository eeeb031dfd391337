/**
 * Readiness of one source without spending the callers' budget: `/readyz` answers from what the callers' own
 * traffic showed (the last exchange with the source, success or failure) while it is recent, and only without
 * recent traffic from a probe: at most one probe per source per `maxAgeMs`, shared by every `/readyz` that asks
 * while it runs, its answer kept for the rest of that interval. Pure logic plus a clock. Internal module.
 */
import { codeForStatus, GatewayErrorCode } from '../errors/codes.js';

/** What `/readyz` shows of one source (before its breaker state is added). */
export interface SourceReadinessView {
  status: 'up' | 'down';
  /** Why it is down: the gateway's error code for the failure, e.g. UPSTREAM_UNAVAILABLE. */
  code?: string;
  /** Where the answer comes from: the callers' exchanges, or a readiness probe. */
  from: 'traffic' | 'probe';
  /** How old that observation is, milliseconds. */
  ageMs: number;
}

export interface SourceReadinessOptions {
  /** One cheap call to the source; it throws (a GatewayError with a `code`) when the source cannot serve. */
  probe: () => Promise<unknown>;
  /** How old an observation may be and still answer; also the least time between two probes. */
  maxAgeMs: number;
  /** Milliseconds on a monotonic clock (tests pass their own). */
  now?: () => number;
}

/** One observation: when, and the failure's code (undefined: the source served). */
interface Observation {
  at: number;
  code: string | undefined;
  from: 'traffic' | 'probe';
}

/**
 * Whether an exchange's answer shows the source down: no answer, a 5xx, or a 401 (the gateway's own credentials
 * refused). Other answers, 4xx included (a caller's bad input, a missing object, a 429), show a source that serves.
 * Returns the failure's code, or undefined.
 */
export function failureOf(status: number | undefined): string | undefined {
  if (status === undefined) return GatewayErrorCode.UPSTREAM_UNAVAILABLE;
  return status >= 500 || status === 401 ? codeForStatus(status) : undefined;
}

/** The readiness of one source. */
export class SourceReadiness {
  private readonly probe: () => Promise<unknown>;
  private readonly maxAgeMs: number;
  private readonly now: () => number;
  /** The callers' last exchange: when and its status (kept as two fields: no object per exchange). */
  private trafficAt: number | undefined;
  private trafficStatus: number | undefined;
  private probed: Observation | undefined;
  private probing: Promise<Observation> | undefined;

  constructor(options: SourceReadinessOptions) {
    this.probe = options.probe;
    this.maxAgeMs = options.maxAgeMs;
    this.now = options.now ?? (() => performance.now());
  }

  /** Records one exchange of the callers' traffic with the source (its status; undefined: no answer). */
  observe(status: number | undefined): void {
    this.trafficAt = this.now();
    this.trafficStatus = status;
  }

  /**
   * The source's readiness: the newest observation (traffic or probe) not older than `maxAgeMs`; without one, a
   * probe (one at a time: concurrent checks share it). A probe starts at most once per `maxAgeMs`, since its
   * answer counts from the moment it started.
   */
  async check(): Promise<SourceReadinessView> {
    const now = this.now();
    const recent = this.newest(now);
    if (recent) return view(recent, now);
    this.probing ??= this.runProbe(now);
    const probed = await this.probing;
    return view(probed, this.now());
  }

  private newest(now: number): Observation | undefined {
    const traffic = this.trafficAt !== undefined && now - this.trafficAt <= this.maxAgeMs ? this.trafficAt : undefined;
    const probed = this.probed !== undefined && now - this.probed.at <= this.maxAgeMs ? this.probed : undefined;
    if (traffic !== undefined && (probed === undefined || traffic >= probed.at)) return { at: traffic, code: failureOf(this.trafficStatus), from: 'traffic' };
    return probed;
  }

  private async runProbe(started: number): Promise<Observation> {
    let code: string | undefined;
    try {
      await this.probe();
    } catch (error) {
      const thrown = (error as { code?: unknown } | null)?.code;
      code = typeof thrown === 'string' ? thrown : GatewayErrorCode.INTERNAL_SERVER_ERROR;
    }
    this.probed = { at: started, code, from: 'probe' };
    this.probing = undefined;
    return this.probed;
  }
}

function view(observation: Observation, now: number): SourceReadinessView {
  const ageMs = Math.max(0, Math.round(now - observation.at));
  return observation.code === undefined
    ? { status: 'up', from: observation.from, ageMs }
    : { status: 'down', code: observation.code, from: observation.from, ageMs };
}
