/**
 * Caller authentication: API keys (`x-api-key`, compared by SHA-256 in constant time against
 * `GATEWAY_API_KEYS`) and JWT bearer tokens verified against a JWKS (jose). Runs before a request's body is
 * read. With neither configured every caller has full access (the config allows that on loopback only).
 * Internal module.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { JWTPayload } from 'jose';
import type { AuthConfig } from '../config/types.js';
import { UnauthenticatedError } from '../errors/classes.js';
import type { SourceName } from '../errors/codes.js';
import { fullAccess, NO_ACCESS, parseRole, permissionsOf, type Permissions, type Role } from './roles.js';

/** Who is calling, as far as the gateway knows. */
export interface Caller {
  /** `nobody`: a request let through unauthenticated because it cannot run anything (the landing page). */
  kind: 'anonymous' | 'api-key' | 'jwt' | 'nobody';
  /** For logs: the JWT's `sub`, or `key:` and the first 8 hex digits of the key's hash (never the key). */
  subject: string;
  permissions: Permissions;
  /** When its credentials stop being valid (a JWT's `exp`, ms since the epoch); a subscription ends then. */
  expiresAt?: number;
}

/** The caller of a browser's GET of the landing page when authentication is configured: may run no operation at all. */
const NOBODY: Caller = Object.freeze({ kind: 'nobody', subject: 'nobody', permissions: NO_ACCESS });

/** The message of a request without credentials (also of the landing page's caller trying to run an operation). */
export const NO_CREDENTIALS = 'Authentication required: send an API key in the x-api-key header or a bearer token in the Authorization header.';

type Jose = typeof import('jose');

/** How bearer tokens are checked: the configuration, jose and the remote key set. */
interface JwtCheck {
  config: NonNullable<AuthConfig['jwt']>;
  jose: Jose;
  jwks: ReturnType<Jose['createRemoteJWKSet']>;
}

export class Authenticator {
  /** False when no API keys and no JWKS are configured: every request is `anonymous`. */
  readonly enabled: boolean;
  /** The caller of every request when no authentication is configured: full access to every source. */
  readonly anonymous: Caller;
  /** One caller per distinct configured key (a key listed with several roles gets them all), made once. */
  private readonly keyCallers: readonly { hash: Buffer; caller: Caller }[];
  /** Set when JWTs are configured. */
  private readonly jwt: JwtCheck | undefined;

  /** For the sources named `sources`. `jose` is loaded only when JWTs are configured (it costs about 2 MB). */
  static async create(config: AuthConfig, sources: readonly SourceName[]): Promise<Authenticator> {
    return new Authenticator(config, sources, config.jwt ? await import('jose') : undefined);
  }

  private constructor(
    private readonly config: AuthConfig,
    private readonly sources: readonly SourceName[],
    jose: Jose | undefined,
  ) {
    this.enabled = config.apiKeys.length > 0 || config.jwt !== undefined;
    this.anonymous = Object.freeze({ kind: 'anonymous', subject: 'anonymous', permissions: fullAccess(sources) });
    const rolesByKey = new Map<string, Role[]>();
    for (const entry of config.apiKeys) {
      const hex = entry.hash.toString('hex');
      rolesByKey.set(hex, [...(rolesByKey.get(hex) ?? []), entry.role]);
    }
    this.keyCallers = [...rolesByKey].map(([hex, roles]) => ({
      hash: Buffer.from(hex, 'hex'),
      caller: Object.freeze({ kind: 'api-key', subject: `key:${hex.slice(0, 8)}`, permissions: permissionsOf(roles, sources) }),
    }));
    this.jwt =
      config.jwt && jose
        ? {
            config: config.jwt,
            jose,
            jwks: jose.createRemoteJWKSet(new URL(config.jwt.jwksUrl), { timeoutDuration: 5_000, cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 }),
          }
        : undefined;
  }

  /** The value of `WWW-Authenticate` on a 401. */
  get challenge(): string {
    return this.config.jwt ? 'Bearer realm="connector-gateway"' : 'ApiKey realm="connector-gateway", header="x-api-key"';
  }

  /** The caller of a landing page request: anyone when authentication is off, else NOBODY. */
  get landingPageCaller(): Caller {
    return this.enabled ? NOBODY : this.anonymous;
  }

  /** The caller of a request, from its headers; throws UnauthenticatedError. Synchronous unless a JWT is checked. */
  authenticate(headers: IncomingHttpHeaders): Caller | Promise<Caller> {
    if (!this.enabled) return this.anonymous;
    const apiKey = headers['x-api-key'];
    if (typeof apiKey === 'string' && apiKey !== '') return this.byApiKey(apiKey);
    const authorization = headers.authorization;
    if (authorization) {
      const token = /^Bearer +([\w.~+/-]+=*)$/i.exec(authorization)?.[1];
      if (token === undefined || !this.jwt) throw new UnauthenticatedError(this.jwt ? 'The Authorization header must be `Bearer <token>`.' : NO_CREDENTIALS);
      return this.byJwt(token, this.jwt);
    }
    throw new UnauthenticatedError(NO_CREDENTIALS);
  }

  private byApiKey(key: string): Caller {
    if (this.config.apiKeys.length === 0) throw new UnauthenticatedError('API keys are not accepted here: send a bearer token.');
    const hash = createHash('sha256').update(key, 'utf8').digest();
    // Every key is compared (no early exit), each in constant time.
    let caller: Caller | undefined;
    for (const known of this.keyCallers) {
      if (timingSafeEqual(known.hash, hash)) caller = known.caller;
    }
    if (caller === undefined) throw new UnauthenticatedError('Invalid API key.');
    return caller;
  }

  private async byJwt(token: string, { config: jwt, jose, jwks }: JwtCheck): Promise<Caller> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jose.jwtVerify(token, jwks, {
        ...(jwt.issuer ? { issuer: jwt.issuer } : {}),
        ...(jwt.audience ? { audience: jwt.audience } : {}),
      }));
    } catch {
      throw new UnauthenticatedError('Invalid or expired bearer token.');
    }
    const roles = rolesFromClaim(claimAt(payload, jwt.rolesClaim), this.sources);
    return {
      kind: 'jwt',
      subject: typeof payload.sub === 'string' ? payload.sub : 'jwt',
      permissions: permissionsOf(roles, this.sources),
      ...(typeof payload.exp === 'number' ? { expiresAt: payload.exp * 1000 } : {}),
    };
  }
}

/** The value at a dotted claim path (`realm_access.roles`). */
function claimAt(payload: JWTPayload, path: string): unknown {
  let value: unknown = payload;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** Roles over `sources` from a claim: an array of strings, or one space-separated string (as `scope` is); others are ignored. */
export function rolesFromClaim(value: unknown, sources: readonly SourceName[]): Role[] {
  const names = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? value.split(/\s+/) : [];
  return names.map((name) => parseRole(name, sources)).filter((r): r is Role => r !== undefined);
}
