/**
 * ConductorOne connector and app client: one method per operation, wire types in and out, shapes checked where
 * the gateway relies on them. Internal module.
 */
import { GatewayErrorCode } from '../../errors/codes.js';
import { UpstreamError } from '../../errors/classes.js';
import type { UpstreamClient } from '../../http/upstream.js';
import { pathSegment } from '../../graph/ids.js';
import type {
  C1AppWire,
  C1ConnectorServiceCreateDelegatedRequestInput,
  C1ConnectorServiceCreateRequestInput,
  C1ConnectorWire,
  C1ForceSyncRequestInput,
} from './types.js';

/** A connector with the two ids the gateway addresses it by. */
export type C1Connector = C1ConnectorWire & { appId: string; id: string };

/** An app with the id the gateway addresses it by. */
export type C1App = C1AppWire & { id: string };

/** One page of an app's connectors. */
export interface C1ConnectorPage {
  items: C1Connector[];
  nextPageToken: string;
}

/** One path segment: percent-encoded, never empty or a dot segment (a second line behind the id rules of `inputs.ts`). */
const seg = pathSegment;

// Apps as the client returned them: lets `Node.__resolveType` tell an app from a connector without guessing.
const apps = new WeakSet<object>();

/** True when `value` is an app this client returned. */
export function isApp(value: object): value is C1App {
  return apps.has(value);
}

export class ConductorOneClient {
  constructor(private readonly http: UpstreamClient) {}

  /** `GET /api/v1/apps/{app_id}/connectors?page_size=&page_token=`. */
  async listConnectors(appId: string, pageSize: number, pageToken: string, requestId?: string): Promise<C1ConnectorPage> {
    const res = await this.http.request({
      method: 'GET',
      path: `/api/v1/apps/${seg(appId)}/connectors`,
      route: '/api/v1/apps/{appId}/connectors',
      query: { page_size: pageSize, page_token: pageToken || undefined },
      requestId,
    });
    const body = res.body as { list?: unknown; nextPageToken?: unknown } | null;
    const list = body?.list ?? [];
    if (!Array.isArray(list)) throw this.badShape(res.status);
    const items = list.map((view) => (view as { connector?: unknown } | null)?.connector);
    if (!items.every(isConnector)) throw this.badShape(res.status);
    return { items: items, nextPageToken: typeof body?.nextPageToken === 'string' ? body.nextPageToken : '' };
  }

  /** `GET /api/v1/apps/{app_id}/connectors/{id}`. */
  async getConnector(appId: string, id: string, requestId?: string): Promise<C1Connector> {
    const res = await this.http.request({
      method: 'GET',
      path: `/api/v1/apps/${seg(appId)}/connectors/${seg(id)}`,
      route: '/api/v1/apps/{appId}/connectors/{id}',
      requestId,
    });
    return this.viewConnector(res.body, res.status);
  }

  /** `POST /api/v1/apps/{app_id}/connectors/create`: a configured connector. */
  async createConnector(appId: string, body: C1ConnectorServiceCreateRequestInput, requestId?: string): Promise<C1Connector> {
    const res = await this.http.request({
      method: 'POST',
      path: `/api/v1/apps/${seg(appId)}/connectors/create`,
      route: '/api/v1/apps/{appId}/connectors/create',
      json: body,
      requestId,
    });
    return this.viewConnector(res.body, res.status);
  }

  /** `POST /api/v1/apps/{app_id}/connectors`: a connector that waits for its config (`CreateDelegated`). */
  async createDelegatedConnector(appId: string, body: C1ConnectorServiceCreateDelegatedRequestInput, requestId?: string): Promise<C1Connector> {
    const res = await this.http.request({
      method: 'POST',
      path: `/api/v1/apps/${seg(appId)}/connectors`,
      route: '/api/v1/apps/{appId}/connectors',
      json: body,
      requestId,
    });
    return this.viewConnector(res.body, res.status);
  }

  /** `POST /api/v1/apps/{app_id}/connectors/{id}` with an update mask naming exactly the fields to change. */
  async updateConnector(appId: string, id: string, connector: C1ConnectorWire, updateMask: string[], requestId?: string): Promise<C1Connector> {
    const res = await this.http.request({
      method: 'POST',
      path: `/api/v1/apps/${seg(appId)}/connectors/${seg(id)}`,
      route: '/api/v1/apps/{appId}/connectors/{id}',
      json: { connector, updateMask: updateMask.join(',') },
      requestId,
    });
    return this.viewConnector(res.body, res.status);
  }

  /** `DELETE /api/v1/apps/{app_id}/connectors/{id}`. */
  async deleteConnector(appId: string, id: string, requestId?: string): Promise<void> {
    await this.http.request({
      method: 'DELETE',
      path: `/api/v1/apps/${seg(appId)}/connectors/${seg(id)}`,
      route: '/api/v1/apps/{appId}/connectors/{id}',
      json: {},
      expect: 'none',
      requestId,
    });
  }

  /**
   * `POST /api/v1/apps/{app_id}/connectors/{connector_id}/force_sync` with `{}` (ForceSync, in the vendor's full
   * document): asks for a sync now; the answer is `{}`, the connector's `status` then shows the sync. Sent once.
   */
  async forceSync(appId: string, id: string, requestId?: string): Promise<void> {
    const body: C1ForceSyncRequestInput = {};
    await this.http.request({
      method: 'POST',
      path: `/api/v1/apps/${seg(appId)}/connectors/${seg(id)}/force_sync`,
      route: '/api/v1/apps/{appId}/connectors/{id}/force_sync',
      json: body,
      expect: 'none',
      requestId,
    });
  }

  /** `GET /api/v1/apps?page_size=&page_token=`: one page of the tenant's apps. */
  async listApps(pageSize: number, pageToken: string, requestId?: string): Promise<{ items: C1App[]; nextPageToken: string }> {
    const res = await this.http.request({
      method: 'GET',
      path: '/api/v1/apps',
      route: '/api/v1/apps',
      query: { page_size: pageSize, page_token: pageToken || undefined },
      requestId,
    });
    const body = res.body as { list?: unknown; nextPageToken?: unknown } | null;
    const list: unknown = body?.list ?? [];
    if (!Array.isArray(list) || !list.every(hasAppId)) throw this.badShape(res.status);
    for (const app of list) apps.add(app);
    return { items: list, nextPageToken: typeof body?.nextPageToken === 'string' ? body.nextPageToken : '' };
  }

  /** `POST /api/v1/search/apps` with `appIds`: the apps that exist among `ids`, in one call. */
  async searchAppsByIds(ids: readonly string[], requestId?: string): Promise<C1App[]> {
    const res = await this.http.request({
      method: 'POST',
      path: '/api/v1/search/apps',
      route: '/api/v1/search/apps',
      json: { appIds: ids, pageSize: ids.length },
      readOnly: true,
      requestId,
    });
    const list: unknown = (res.body as { list?: unknown } | null)?.list ?? [];
    if (!Array.isArray(list) || !list.every(hasAppId)) throw this.badShape(res.status);
    for (const app of list) apps.add(app);
    return list;
  }

  private viewConnector(body: unknown, status: number): C1Connector {
    const connector = (body as { connectorView?: { connector?: unknown } | null } | null)?.connectorView?.connector;
    if (!isConnector(connector)) throw this.badShape(status);
    return connector;
  }

  private badShape(status: number): UpstreamError {
    return new UpstreamError('CONDUCTORONE', status, { code: GatewayErrorCode.UPSTREAM_BAD_RESPONSE });
  }
}

/** An app of a list: an object with a string id (the rest is ConductorOne's wire as documented). */
function hasAppId(value: unknown): value is C1App {
  return typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string';
}

function isConnector(value: unknown): value is C1Connector {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as { id?: unknown; appId?: unknown };
  return typeof c.id === 'string' && c.id !== '' && typeof c.appId === 'string' && c.appId !== '';
}
