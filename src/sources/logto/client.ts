/**
 * Logto Management API connector client: one method per operation, wire types in and out, shapes checked where
 * the gateway relies on them. Internal module.
 */
import { GatewayErrorCode } from '../../errors/codes.js';
import { UpstreamError } from '../../errors/classes.js';
import type { UpstreamClient } from '../../http/upstream.js';
import { pathSegment } from '../../graph/ids.js';
import type { LogtoConnectorFactoryWire, LogtoConnectorWire, LogtoCreateConnectorWire, LogtoTestConnectorWire, LogtoUpdateConnectorWire } from './types.js';

/** One path segment: percent-encoded, never empty or a dot segment (a second line behind the id rules of `inputs.ts`). */
const seg = pathSegment;

export class LogtoClient {
  constructor(private readonly http: UpstreamClient) {}

  /** `GET /api/connectors`: every connector, merged with its factory's metadata and form. */
  async listConnectors(requestId?: string): Promise<LogtoConnectorWire[]> {
    const res = await this.http.request({ method: 'GET', path: '/api/connectors', route: '/api/connectors', requestId });
    const list: unknown = res.body;
    if (!Array.isArray(list) || !list.every(isConnector)) throw this.badShape(res.status);
    return list;
  }

  /** `GET /api/connectors/{id}`. */
  async getConnector(id: string, requestId?: string): Promise<LogtoConnectorWire> {
    const res = await this.http.request({ method: 'GET', path: `/api/connectors/${seg(id)}`, route: '/api/connectors/{id}', requestId });
    return this.connector(res.body, res.status);
  }

  /** `POST /api/connectors`. */
  async createConnector(body: LogtoCreateConnectorWire, requestId?: string): Promise<LogtoConnectorWire> {
    const res = await this.http.request({ method: 'POST', path: '/api/connectors', route: '/api/connectors', json: body, requestId });
    return this.connector(res.body, res.status);
  }

  /** `PATCH /api/connectors/{id}`: given fields replace the stored ones whole. */
  async updateConnector(id: string, body: LogtoUpdateConnectorWire, requestId?: string): Promise<LogtoConnectorWire> {
    const res = await this.http.request({ method: 'PATCH', path: `/api/connectors/${seg(id)}`, route: '/api/connectors/{id}', json: body, requestId });
    return this.connector(res.body, res.status);
  }

  /** `DELETE /api/connectors/{id}`. */
  async deleteConnector(id: string, requestId?: string): Promise<void> {
    await this.http.request({ method: 'DELETE', path: `/api/connectors/${seg(id)}`, route: '/api/connectors/{id}', expect: 'none', requestId });
  }

  /** `POST /api/connectors/{factoryId}/test`: 204 when the provider accepted the test. */
  async testConnector(factoryId: string, body: LogtoTestConnectorWire, requestId?: string): Promise<void> {
    await this.http.request({
      method: 'POST',
      path: `/api/connectors/${seg(factoryId)}/test`,
      route: '/api/connectors/{factoryId}/test',
      json: body,
      expect: 'none',
      requestId,
    });
  }

  /** `GET /api/connector-factories`. */
  async listFactories(requestId?: string): Promise<LogtoConnectorFactoryWire[]> {
    const res = await this.http.request({ method: 'GET', path: '/api/connector-factories', route: '/api/connector-factories', requestId });
    const list: unknown = res.body;
    if (!Array.isArray(list) || !list.every(isFactory)) throw this.badShape(res.status);
    return list;
  }

  private connector(body: unknown, status: number): LogtoConnectorWire {
    if (!isConnector(body)) throw this.badShape(status);
    return body;
  }

  private badShape(status: number): UpstreamError {
    return new UpstreamError('LOGTO', status, { code: GatewayErrorCode.UPSTREAM_BAD_RESPONSE });
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A connector: its ids and type strings, its config and metadata objects (the rest is Logto's wire as documented). */
function isConnector(value: unknown): value is LogtoConnectorWire {
  if (!isObject(value)) return false;
  return (
    typeof value.id === 'string' &&
    typeof value.connectorId === 'string' &&
    typeof value.type === 'string' &&
    isObject(value.config) &&
    isObject(value.metadata)
  );
}

/** A factory: its id and type strings (the rest is Logto's wire as documented). */
function isFactory(value: unknown): value is LogtoConnectorFactoryWire {
  return isObject(value) && typeof value.id === 'string' && typeof value.type === 'string';
}
