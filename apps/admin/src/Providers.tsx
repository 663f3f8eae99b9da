// Theme, notifications, TanStack Query and tRPC around the app. Tests pass their own tRPC client.
import { MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useMemo, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { authClient } from "./lib/auth";
import { createApiClient, TRPCProvider, type ApiClient } from "./lib/trpc";
import { cssVariablesResolver, localizedTheme } from "./theme";

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

export function Providers(props: { children: ReactNode; client?: ApiClient; queryClient?: QueryClient }) {
  const [queryClient] = useState(() => props.queryClient ?? makeQueryClient());
  const [client] = useState(() => props.client ?? createApiClient());
  const { t } = useTranslation();
  const theme = useMemo(() => localizedTheme(t), [t]);
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={client} queryClient={queryClient}>
          {props.children}
        </TRPCProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
