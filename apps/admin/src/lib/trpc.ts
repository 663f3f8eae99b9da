// The tRPC client of the portal: one batched HTTP link to the server's /trpc, with the session cookie.
// Components reach procedures through `useTRPC()` and TanStack Query's own hooks.
import type { AppRouter } from "@kinerja/api";
import { createTRPCClient, httpBatchLink, type TRPCLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

export function createApiClient(links?: TRPCLink<AppRouter>[]) {
  return createTRPCClient<AppRouter>({
    links: links ?? [
      httpBatchLink({
        url: "/trpc",
        // A screen that asks for many things at once sends them in several requests, each within the
        // server's batch limit, instead of one that is refused.
        maxItems: 10,
        fetch: (url, options) => fetch(url, { ...options, credentials: "include" }),
      }),
    ],
  });
}

export type ApiClient = ReturnType<typeof createApiClient>;
