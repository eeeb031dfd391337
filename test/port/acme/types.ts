/** Acme's wire shapes: what its tiny API sends and takes. */

/** A connector as Acme stores it; `apiToken` is a secret. */
export interface AcmeConnectorWire {
  acmeId: string;
  name: string;
  region: string;
  apiToken: string;
}

/** A page of `GET /connectors`. */
export interface AcmePageWire {
  items: AcmeConnectorWire[];
  total: number;
}
