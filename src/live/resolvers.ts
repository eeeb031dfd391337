/**
 * The Subscription root fields: `connectorStatusChanged` and `connectorChanged`, served by the hub (hub.ts) over
 * SSE (src/server/sse.ts). The operation was authorized before it ran (auth/authorize.ts, `@source` on the fields);
 * the hub checks each id's source against the caller's roles again. Internal module.
 */
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { renewRequestSources, type GatewayContext } from '../context.js';
import { DROPPED, dropReason, type LiveHub } from './hub.js';

function hubOf(ctx: GatewayContext): LiveHub {
  const live = ctx.services.live;
  if (live === undefined) throw new Error('live updates are not running in this process');
  return live;
}

/** Who a subscription counts against (the per-caller cap). */
function callerKey(ctx: GatewayContext): string {
  return `${ctx.caller.kind}:${ctx.caller.subject}`;
}

/**
 * An event as the subscriber gets it: the drop marker becomes the reason, as the stream's last event. Each event is
 * resolved with fresh dataloaders (renewRequestSources), never with what an earlier event of the stream cached.
 */
function delivered<T>(payload: T | typeof DROPPED, ctx: GatewayContext): T {
  if (payload === DROPPED) throw dropReason();
  renewRequestSources(ctx);
  return payload;
}

export const liveResolvers: Resolvers = {
  Subscription: {
    connectorStatusChanged: {
      subscribe: (_root, { ids }, ctx) => hubOf(ctx).statusChanges(callerKey(ctx), ids, ctx.caller.permissions.read, ctx.downstream),
      resolve: (payload: object | typeof DROPPED, _args: unknown, ctx: GatewayContext) => delivered(payload, ctx),
    },
    connectorChanged: {
      subscribe: (_root, { ids, sources }, ctx) => hubOf(ctx).changes(callerKey(ctx), { ids, sources }, ctx.caller.permissions.read, ctx.downstream),
      resolve: (payload: Parameters<typeof delivered>[0], _args: unknown, ctx: GatewayContext) => delivered(payload, ctx) as never,
    },
  },
};
