/** Acme's wire shapes: what its tiny API sends and takes. */

/** A connector as Acme stores it; `apiToken` is a secret, and so is `options.signingSecret`. */
export interface AcmeConnectorWire {
  acmeId: string;
  name: string;
  region: string;
  apiToken: string;
  /** What it is: a `feed` (the default: a region and a token) or a `webhook` (and its options). */
  kind?: AcmeKind;
  /** A webhook's options (`PATCH` merges them as a JSON merge patch: null removes one). */
  options?: Record<string, unknown>;
}

export type AcmeKind = 'feed' | 'webhook';

/** A page of `GET /connectors`. */
export interface AcmePageWire {
  items: AcmeConnectorWire[];
  total: number;
}

/** What `POST /connector-tests` takes: a connector's settings, not saved. */
export interface AcmeTestWire {
  kind: AcmeKind;
  region?: unknown;
  apiToken?: unknown;
  options?: Record<string, unknown>;
}

/** What `POST /connector-tests` answers. */
export interface AcmeTestResultWire {
  ok: boolean;
  message: string;
  field?: string;
}
