/**
 * A JWKS endpoint on loopback for tests of JWT callers: one ES256 key pair (kid `k1`), whose public half the
 * endpoint serves; tokens are signed with the private half.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type CryptoKey } from 'jose';

export interface TestJwks {
  /** For `GATEWAY_JWT_JWKS_URL`. */
  url: string;
  /** The private key whose public half the JWKS serves (kid `k1`). */
  signingKey: CryptoKey;
  close(): void;
}

export async function startJwks(): Promise<TestJwks> {
  const signing = await generateKeyPair('ES256', { extractable: true });
  const jwk = { ...(await exportJWK(signing.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`,
    signingKey: signing.privateKey,
    close: () => {
      server.close();
    },
  };
}
