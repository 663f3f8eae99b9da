// Notifications, TanStack Query and tRPC around the signed-in portal (DataProviders), and with the theme
// around a component under test (Providers). Tests pass their own tRPC client.
import { Notifications } from "@mantine/notifications";
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useState, type ReactNode } from "react";
import { authClient } from "./lib/auth";
import { createApiClient, TRPCProvider, type ApiClient } from "./lib/trpc";
import { ThemeProvider } from "./ThemeProvider";

function signedOut(error: unknown): boolean {
  return error instanceof TRPCClientError && (error.data as { code?: string } | undefined)?.code === "UNAUTHORIZED";
}

/** A session that ended on the server (expired, signed out elsewhere) sends the user back to sign in. */
function onApiError(error: unknown): void {
  if (signedOut(error)) authClient.$store.notify("$sessionSignal");
}

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError: onApiError }),
    mutationCache: new MutationCache({ onError: onApiError }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        retry: (failures, error) => !(error instanceof TRPCClientError && error.data) && failures < 2,
      },
    },
  });
}

/** The data clients of one signed-in user; signing out drops them, and with them every cached answer. */
export function DataProviders(props: { children: ReactNode; client?: ApiClient; queryClient?: QueryClient }) {
  const [queryClient] = useState(() => props.queryClient ?? makeQueryClient());
  const [client] = useState(() => props.client ?? createApiClient());
  return (
    <>
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={client} queryClient={queryClient}>
          {props.children}
        </TRPCProvider>
      </QueryClientProvider>
    </>
  );
}

export function Providers(props: { children: ReactNode; client?: ApiClient; queryClient?: QueryClient }) {
  return (
    <ThemeProvider>
      <DataProviders client={props.client} queryClient={props.queryClient}>
        {props.children}
      </DataProviders>
    </ThemeProvider>
  );
}
