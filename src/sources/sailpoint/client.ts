/**
 * SailPoint Identity Security Cloud v3 custom-connector REST client: one method per operation, wire types in and
 * out, shapes checked where the gateway relies on them. Internal module.
 */
import { FormData } from 'undici';
import { GatewayErrorCode } from '../../errors/codes.js';
import { UpstreamError } from '../../errors/classes.js';
import type { UpstreamClient } from '../../http/upstream.js';
import { pathSegment } from '../../graph/ids.js';
import type {
  SailPointConnectorDetailWire,
  SailPointConnectorWire,
  SailPointCreateConnectorWire,
  SailPointFilePath,
  SailPointJsonPatchOperationWire,
  SailPointLocale,
  SailPointUpdateDetailWire,
} from './types.js';

/** A connector of `GET /connectors` with the scriptName the gateway addresses it by. */
export type SailPointConnector = SailPointConnectorWire & { scriptName: string };

/** A connector's detail with the scriptName the gateway addresses it by. */
export type SailPointConnectorDetail = SailPointConnectorDetailWire & { scriptName: string };

/** One page of `GET /connectors`. */
export interface SailPointConnectorPage {
  items: SailPointConnector[];
  /** `X-Total-Count`, when SailPoint sent it. */
  total: number | undefined;
}

/** Parameters of `GET /connectors`. */
export interface ListConnectorsParams {
  limit: number;
  offset: number;
  filters?: string | undefined;
}

/** The XML files that have their own GET/PUT endpoint. */
export type SailPointXmlFilePath = Exclude<SailPointFilePath, 'translations'>;

// Detail objects as the client returned them: lets resolvers tell a detail from a list item without guessing.
const details = new WeakSet<object>();

/** True when `connector` came from `GET /connectors/{scriptName}` or a PATCH (it has the detail-only fields). */
export function isConnectorDetail(connector: object): connector is SailPointConnectorDetail {
  return details.has(connector);
}

/** One path segment: percent-encoded, never empty or a dot segment (a second line behind the id rules of `inputs.ts`). */
const seg = pathSegment;

export class SailPointClient {
  constructor(private readonly http: UpstreamClient) {}

  /** `GET /connectors` with `count=true`, so that the caller knows where the list ends. */
  async listConnectors(params: ListConnectorsParams, requestId?: string): Promise<SailPointConnectorPage> {
    const res = await this.http.request({
      method: 'GET',
      path: '/connectors',
      route: '/connectors',
      query: { limit: params.limit, offset: params.offset, count: true, filters: params.filters },
      requestId,
    });
    const items: unknown = res.body;
    if (!Array.isArray(items) || !items.every(hasScriptName)) throw this.badShape(res.status);
    const header = res.header('x-total-count');
    const total = header === undefined ? undefined : Number(header);
    return { items: items, total: Number.isFinite(total) ? total : undefined };
  }

  /**
   * `GET /connectors/{scriptName}`: the detail, with the XML files; with `locale`, its `sourceConfig` is the form
   * translated into it (SailPoint's default is `en`).
   */
  async getConnector(scriptName: string, requestId?: string, locale?: SailPointLocale): Promise<SailPointConnectorDetail> {
    const res = await this.http.request({
      method: 'GET',
      path: `/connectors/${seg(scriptName)}`,
      route: '/connectors/{scriptName}',
      query: { locale },
      requestId,
    });
    return this.detail(res.body, res.status);
  }

  /** `POST /connectors`. */
  async createConnector(body: SailPointCreateConnectorWire, requestId?: string): Promise<SailPointConnector> {
    const res = await this.http.request({ method: 'POST', path: '/connectors', route: '/connectors', json: body, requestId });
    if (!hasScriptName(res.body)) throw this.badShape(res.status);
    return res.body;
  }

  /** `DELETE /connectors/{scriptName}`. */
  async deleteConnector(scriptName: string, requestId?: string): Promise<void> {
    await this.http.request({ method: 'DELETE', path: `/connectors/${seg(scriptName)}`, route: '/connectors/{scriptName}', expect: 'none', requestId });
  }

  /** `PATCH /connectors/{scriptName}` with `application/json-patch+json`. */
  async patchConnector(scriptName: string, operations: SailPointJsonPatchOperationWire[], requestId?: string): Promise<SailPointConnectorDetail> {
    const res = await this.http.request({
      method: 'PATCH',
      path: `/connectors/${seg(scriptName)}`,
      route: '/connectors/{scriptName}',
      json: operations,
      contentType: 'application/json-patch+json',
      requestId,
    });
    return this.detail(res.body, res.status);
  }

  /** `GET /connectors/{scriptName}/{source-config|correlation-config|source-template}`: the XML text. */
  async getXmlFile(scriptName: string, file: SailPointXmlFilePath, requestId?: string): Promise<string> {
    const res = await this.http.request<string>({
      method: 'GET',
      path: `/connectors/${seg(scriptName)}/${file}`,
      route: '/connectors/{scriptName}/{file}',
      expect: 'text',
      requestId,
    });
    return res.body;
  }

  /** `GET /connectors/{scriptName}/translations/{locale}`: the properties text. */
  async getTranslations(scriptName: string, locale: SailPointLocale, requestId?: string): Promise<string> {
    const res = await this.http.request<string>({
      method: 'GET',
      path: `/connectors/${seg(scriptName)}/translations/${seg(locale)}`,
      route: '/connectors/{scriptName}/translations/{locale}',
      expect: 'text',
      requestId,
    });
    return res.body;
  }

  /** Multipart `PUT` of one file, as a `file` part. `file` is e.g. `source-config` or `translations/de`. */
  async putFile(
    scriptName: string,
    file: SailPointXmlFilePath | `translations/${SailPointLocale}`,
    upload: { filename: string; contentType: string; bytes: Uint8Array },
    requestId?: string,
  ): Promise<SailPointUpdateDetailWire> {
    const form = new FormData();
    form.set('file', new Blob([upload.bytes], { type: upload.contentType }), upload.filename);
    const res = await this.http.request({
      method: 'PUT',
      path: `/connectors/${seg(scriptName)}/${file.split('/').map(seg).join('/')}`,
      route: '/connectors/{scriptName}/{file}',
      form,
      requestId,
    });
    if (typeof res.body !== 'object' || res.body === null || Array.isArray(res.body)) throw this.badShape(res.status);
    return res.body;
  }

  private detail(body: unknown, status: number): SailPointConnectorDetail {
    if (!hasScriptName(body)) throw this.badShape(status);
    details.add(body);
    return body;
  }

  private badShape(status: number): UpstreamError {
    return new UpstreamError('SAILPOINT', status, { code: GatewayErrorCode.UPSTREAM_BAD_RESPONSE });
  }
}

/** A connector: an object with a string scriptName (the rest is SailPoint's wire as documented). */
function hasScriptName(value: unknown): value is { scriptName: string } {
  return typeof value === 'object' && value !== null && typeof (value as { scriptName?: unknown }).scriptName === 'string';
}
