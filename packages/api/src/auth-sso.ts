// Sign-in through a region's OpenID Connect provider (SIASN/MyASN or any other), on better-auth's sessions.
// Providers are rows of `identity_providers`, edited while the server runs, while better-auth's generic
// OAuth plugin takes a fixed list at start. So each sign-in reads its provider's row and hands it to the
// generic OAuth plugin, which builds the provider from discovery (endpoints, issuer, JWKS): PKCE, the
// token exchange, and the id_token's signature, issuer, audience and nonce checks are the plugin's. A built
// provider is kept per row version, so an edit or a disable takes effect at the next sign-in.
// Our endpoints, under /api/auth:
//   GET  /sso/providers              the enabled providers, for the sign-in page's buttons
//   POST /sign-in/sso                {providerId, callbackURL, errorCallbackURL}: the provider's login URL
//   GET  /sso/callback/:providerId   the provider's answer: the state (cookie-bound, one use), then who it is
// Who a verified sign-in is comes from services/identity (accountForClaims): the NIP claim names an employee
// of the provider's region, the account is that employee's by `user.employee_id`. A refusal returns to the
// sign-in page with `?sso_error=<code>`, which it tells in words.
import type { Database } from "@kinerja/db";
import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthEndpoint } from "better-auth/api";
import { setSessionCookie } from "better-auth/cookies";
import { generateIdTokenNonce, generateState, parseState } from "better-auth/oauth2";
import { genericOAuth } from "better-auth/plugins/generic-oauth";
import type { Kysely } from "kysely";
import { z } from "zod";
import { accountForClaims, providerForSignIn, signInProviders, splitScopes, type IdentityProviderRow } from "./services/identity/index.js";

type AuthContext = Parameters<ReturnType<typeof genericOAuth>["init"]>[0];
type BuiltProvider = Awaited<ReturnType<ReturnType<typeof genericOAuth>["init"]>>["context"]["socialProviders"][number];

/** The query parameter a refused sign-in returns to the sign-in page with. */
export const SSO_ERROR_PARAMETER = "sso_error";
/** Codes the flow itself refuses with, besides those of services/identity (SSO_REFUSALS). */
export const SSO_FLOW_ERRORS = ["state_invalid", "provider_unavailable", "provider_unreachable", "access_denied", "sign_in_failed"] as const;

/** A root-relative path of this site: where a sign-in may return to. */
const localPath = z
  .string()
  .max(500)
  .regex(/^\/(?![/\\])/, "harus berupa alamat di situs ini, diawali /");

/**
 * A provider row built by better-auth's generic OAuth plugin from its discovery document: null when
 * discovery fails or names no issuer and JWKS (then no id_token could be verified).
 */
export async function buildSsoProvider(context: AuthContext, row: IdentityProviderRow): Promise<BuiltProvider | null> {
  const plugin = genericOAuth({
    config: [
      {
        providerId: row.id,
        name: row.name,
        discoveryUrl: row.discovery_url,
        clientId: row.client_id,
        clientSecret: row.client_secret,
        scopes: splitScopes(row.scopes),
        pkce: true,
        requireIdTokenVerification: true,
      },
    ],
  });
  const initialised = await plugin.init({ ...context, socialProviders: [] });
  return initialised.context.socialProviders.find((candidate) => candidate.id === row.id) ?? null;
}

export function regionSso(options: { db: Kysely<Database> }) {
  // Built providers by row, kept while the row is unchanged; an edit makes the next sign-in build anew.
  const built = new Map<string, { version: string; provider: BuiltProvider }>();

  async function providerOf(context: AuthContext, row: IdentityProviderRow): Promise<BuiltProvider | null> {
    const version = `${row.updated_at}`;
    const kept = built.get(row.id);
    if (kept?.version === version) return kept.provider;
    const provider = await buildSsoProvider(context, row);
    if (provider) built.set(row.id, { version, provider });
    return provider;
  }

  const callbackPath = (providerId: string) => `/sso/callback/${providerId}`;

  return {
    id: "kinerja-region-sso",
    endpoints: {
      ssoProviders: createAuthEndpoint("/sso/providers", { method: "GET" }, async (c) => c.json(await signInProviders(options.db))),

      signInSso: createAuthEndpoint(
        "/sign-in/sso",
        {
          method: "POST",
          body: z.object({ providerId: z.string().min(1).max(100), callbackURL: localPath, errorCallbackURL: localPath }),
        },
        async (c) => {
          const row = await providerForSignIn(options.db, c.body.providerId);
          if (!row) throw new APIError("NOT_FOUND", { code: "provider_unavailable", message: "Penyedia identitas ini tidak ada atau sedang dinonaktifkan." });
          const provider = await providerOf(c.context, row);
          if (!provider) {
            throw new APIError("SERVICE_UNAVAILABLE", {
              code: "provider_unreachable",
              message: `Penyedia identitas ${row.name} tidak dapat dihubungi. Coba lagi nanti atau masuk dengan NIP dan kata sandi.`,
            });
          }
          const idTokenNonce = generateIdTokenNonce(provider);
          const { state, codeVerifier } = await generateState(c, { idTokenNonce, additionalData: { ssoProviderId: row.id } });
          const url = await provider.createAuthorizationURL({
            state,
            codeVerifier,
            idTokenNonce,
            redirectURI: `${c.context.baseURL}${callbackPath(row.id)}`,
          });
          return c.json({ url: url.toString(), redirect: true });
        },
      ),

      ssoCallback: createAuthEndpoint(
        "/sso/callback/:providerId",
        {
          method: "GET",
          query: z.object({
            code: z.string().max(4096).optional(),
            state: z.string().max(4096).optional(),
            error: z.string().max(200).optional(),
            iss: z.string().max(2048).optional(),
          }),
        },
        async (c) => {
          const refuse = (code: string, errorURL = "/"): never => {
            const target = new URL(errorURL, "http://local");
            target.searchParams.set(SSO_ERROR_PARAMETER, code);
            throw c.redirect(`${target.pathname}${target.search}`);
          };
          // A state that is missing, forged, replayed, expired or not bound to this browser's cookie ends here.
          const state = await parseState(c).catch(() => null);
          if (!state) return refuse("state_invalid");
          const refuseHere = (code: string): never => refuse(code, state.errorURL);
          if (state.ssoProviderId !== c.params.providerId) return refuseHere("sign_in_failed");
          if (c.query.error) return refuseHere("access_denied");
          if (!c.query.code) return refuseHere("sign_in_failed");
          const row = await providerForSignIn(options.db, c.params.providerId);
          if (!row) return refuseHere("provider_unavailable");
          const provider = await providerOf(c.context, row);
          if (!provider) return refuseHere("provider_unreachable");
          if (c.query.iss && c.query.iss !== provider.issuer) return refuseHere("sign_in_failed");
          const tokens = await provider
            .validateAuthorizationCode({ code: c.query.code, codeVerifier: state.codeVerifier, redirectURI: `${c.context.baseURL}${callbackPath(row.id)}` })
            .catch((error: unknown) => {
              c.context.logger.error(`Provider ${row.id}: the authorization code was not accepted`, error);
              return null;
            });
          // Only a signed id_token says who signed in: without one the userinfo would go unverified.
          if (!tokens?.idToken) return refuseHere("sign_in_failed");
          const info = await provider.getUserInfo({ ...tokens, expectedIdTokenNonce: state.idTokenNonce });
          if (!info) return refuseHere("sign_in_failed");
          const account = await accountForClaims(options.db, row, info.data as Record<string, unknown>);
          if (!account.ok) return refuseHere(account.refusal);
          const user = await c.context.internalAdapter.findUserById(account.userId);
          if (!user) return refuseHere("sign_in_failed");
          const session = await c.context.internalAdapter.createSession(user.id);
          if (!session) return refuseHere("account_disabled");
          await setSessionCookie(c, { session, user });
          throw c.redirect(state.callbackURL);
        },
      ),
    },
  } satisfies BetterAuthPlugin;
}
