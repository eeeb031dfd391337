/**
 * The per-request context: who is asking (request id, logger), the long-lived source clients, and dataloaders
 * that are created lazily, for this request only. Nothing here outlives a request except `services`.
 */
import type { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import type { Config } from './config/index.js';
import type { BatchObserver } from './observability/batch.js';
import { ANONYMOUS, type Caller } from './auth/authenticate.js';
import type { SailPointClient } from './sources/sailpoint/client.js';
import type { LogtoClient } from './sources/logto/client.js';
import { createLogtoLoaders, type LogtoLoaders } from './sources/logto/loaders.js';
import type { ConductorOneClient } from './sources/conductorone/client.js';
import { createConductorOneLoaders, type ConductorOneLoaders } from './sources/conductorone/loaders.js';
import { createSailPointLoaders, type SailPointLoaders } from './sources/sailpoint/loaders.js';
import type { WriteLocks } from './graph/writeLocks.js';

/** What lives as long as the gateway: configuration and one client per source. */
export interface Services {
  config: Config;
  logger: Logger;
  sailpoint: SailPointClient;
  logto: LogtoClient;
  conductorone: ConductorOneClient;
  /** Serialises each connector's patch (read, apply, write) in this process. */
  writeLocks: WriteLocks;
  /** Told each dataloader batch's size (metrics), when metrics are on. */
  observeBatch?: BatchObserver | undefined;
}

/** Dataloaders of one request, built on first use (a query that touches one source builds one source's set). */
export class RequestLoaders {
  private sailpointLoaders: SailPointLoaders | undefined;
  private logtoLoaders: LogtoLoaders | undefined;
  private conductoroneLoaders: ConductorOneLoaders | undefined;
  constructor(
    private readonly services: Services,
    private readonly requestId: string,
  ) {}

  get sailpoint(): SailPointLoaders {
    return (this.sailpointLoaders ??= createSailPointLoaders(this.services.sailpoint, this.requestId, this.services.observeBatch));
  }

  get logto(): LogtoLoaders {
    return (this.logtoLoaders ??= createLogtoLoaders(this.services.logto, this.requestId, this.services.observeBatch));
  }

  get conductorone(): ConductorOneLoaders {
    return (this.conductoroneLoaders ??= createConductorOneLoaders(this.services.conductorone, this.requestId, this.services.observeBatch));
  }
}

/** The GraphQL context value of one request. */
export interface GatewayContext {
  requestId: string;
  /** Who is calling, and what their roles allow. */
  caller: Caller;
  logger: Logger;
  services: Services;
  loaders: RequestLoaders;
  /** Errors of sources that failed while others answered (lists across sources); added to the response's errors. */
  partialErrors: GraphQLError[];
}

/** A new context for one request. */
export function createContext(services: Services, requestId: string, caller: Caller = ANONYMOUS): GatewayContext {
  return { requestId, caller, logger: services.logger, services, loaders: new RequestLoaders(services, requestId), partialErrors: [] };
}
