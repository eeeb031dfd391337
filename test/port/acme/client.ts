/** Acme's REST client: one method per operation, over the gateway's UpstreamClient (pools, tokens, retries, breaker). */
import { UpstreamError } from '../../../src/errors/classes.js';
import { GatewayErrorCode } from '../../../src/errors/codes.js';
import { pathSegment } from '../../../src/graph/ids.js';
import type { UpstreamClient } from '../../../src/http/upstream.js';
import type { AcmeConnectorWire, AcmePageWire, AcmeTestResultWire, AcmeTestWire } from './types.js';

/** A page: an object with a list of items (the rest is Acme's wire as documented). */
function isPage(value: unknown): value is AcmePageWire {
  return typeof value === 'object' && value !== null && Array.isArray((value as { items?: unknown }).items);
}

export class AcmeClient {
  constructor(private readonly http: UpstreamClient) {}

  async listConnectors(offset: number, limit: number, requestId?: string): Promise<AcmePageWire> {
    const res = await this.http.request({ method: 'GET', path: '/connectors', query: { offset, limit }, requestId });
    if (!isPage(res.body)) throw new UpstreamError('ACME', res.status, { code: GatewayErrorCode.UPSTREAM_BAD_RESPONSE });
    return res.body;
  }

  async getConnector(id: string, requestId?: string): Promise<AcmeConnectorWire> {
    return (await this.http.request<AcmeConnectorWire>({ method: 'GET', path: `/connectors/${pathSegment(id)}`, requestId })).body;
  }

  async createConnector(name: string, requestId?: string): Promise<AcmeConnectorWire> {
    return (await this.http.request<AcmeConnectorWire>({ method: 'POST', path: '/connectors', json: { name }, requestId })).body;
  }

  async updateConnector(id: string, changes: Partial<AcmeConnectorWire>, requestId?: string): Promise<AcmeConnectorWire> {
    return (await this.http.request<AcmeConnectorWire>({ method: 'PATCH', path: `/connectors/${pathSegment(id)}`, json: changes, requestId })).body;
  }

  async testSettings(settings: AcmeTestWire, requestId?: string): Promise<AcmeTestResultWire> {
    return (await this.http.request<AcmeTestResultWire>({ method: 'POST', path: '/connector-tests', json: settings, requestId })).body;
  }

  async deleteConnector(id: string, requestId?: string): Promise<void> {
    await this.http.request({ method: 'DELETE', path: `/connectors/${pathSegment(id)}`, expect: 'none', requestId });
  }
}
