// A real OpenID Connect provider for tests: oidc-provider on 127.0.0.1 with a port the system picks, its
// development login and consent pages (any password; the login names the account), RS256 keys made for the
// run, and accounts whose claims the test chooses (a NIP among them). Clients are registered once the test
// knows the redirect URIs (they name the provider's id in Kinerja), so it answers 503 until `configure`.
// `sign` makes an id_token with the provider's own key and any claims, for tests of what a client refuses.
import { createSign, generateKeyPairSync, randomUUID, type KeyObject } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

export interface TestClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

export interface TestOidcProvider {
  issuer: string;
  discoveryUrl: string;
  configure(settings: { clients: TestClient[]; accounts: Record<string, Record<string, unknown>> }): void;
  /** A JWT signed with this provider's key (kid included), with exactly these claims. */
  sign(claims: Record<string, unknown>): string;
  stop(): Promise<void>;
}

function base64url(value: Buffer | string): string {
  return Buffer.from(value).toString("base64url");
}

export async function startOidcProvider(): Promise<TestOidcProvider> {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const kid = randomUUID();
  const jwk = { ...(privateKey.export({ format: "jwk" }) as Record<string, unknown>), kid, alg: "RS256", use: "sig" };
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
  const server = createServer((req, res) => {
    if (handler) return handler(req, res);
    res.statusCode = 503;
    res.end("not configured");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    issuer,
    discoveryUrl: `${issuer}/.well-known/openid-configuration`,
    configure({ clients, accounts }) {
      const provider = new Provider(issuer, {
        clients: clients.map((client) => ({
          client_id: client.clientId,
          client_secret: client.clientSecret,
          redirect_uris: client.redirectUris,
          grant_types: ["authorization_code"],
          response_types: ["code"],
        })),
        jwks: { keys: [jwk as never] },
        cookies: { keys: [randomUUID()] },
        scopes: ["openid", "profile", "nip"],
        claims: { openid: ["sub"], profile: ["name"], nip: ["nip"] },
        pkce: { required: () => true },
        features: { devInteractions: { enabled: true } },
        async findAccount(_ctx, sub) {
          const claims = accounts[sub];
          if (!claims) return undefined;
          return { accountId: sub, claims: async () => ({ sub, ...claims }) };
        },
      });
      handler = provider.callback();
    },
    sign(claims) {
      const header = base64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid }));
      const payload = base64url(JSON.stringify(claims));
      const signature = createSign("RSA-SHA256").update(`${header}.${payload}`).sign(privateKey as KeyObject);
      return `${header}.${payload}.${base64url(signature)}`;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
