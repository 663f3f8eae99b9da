// Component tests render screens against a fake API: a tRPC link that answers each procedure from a
// handler (by path, e.g. "ruleSet.list"), inside the real providers and a signed-in session.
import type { AppRouter } from "@kinerja/api";
import { render, type RenderResult } from "@testing-library/react";
import { TRPCClientError, type TRPCLink } from "@trpc/client";
import { observable } from "@trpc/server/observable";
import type { ReactNode } from "react";
import { MemoryRouter } from "react-router";
import { Providers, makeQueryClient } from "../Providers";
import type { PortalUser } from "../lib/auth";
import { SessionProvider } from "../lib/session";
import { createApiClient } from "../lib/trpc";

export type Handlers = Record<string, (input: unknown) => unknown>;

export function fakeLink(handlers: Handlers, calls: Array<{ path: string; input: unknown }> = []): TRPCLink<AppRouter> {
  return () =>
    ({ op }) =>
      observable((observer) => {
        calls.push({ path: op.path, input: op.input });
        Promise.resolve()
          .then(() => {
            const handler = handlers[op.path];
            if (!handler) throw new Error(`no fake handler for ${op.path}`);
            return handler(op.input);
          })
          .then((data) => {
            observer.next({ result: { type: "data", data } });
            observer.complete();
          })
          .catch((error: unknown) => observer.error(TRPCClientError.from(error instanceof Error ? error : new Error(String(error)))));
      });
}

export const ADMIN: PortalUser = {
  id: "u-admin",
  name: "Admin Uji",
  email: "admin@uji.test",
  username: null,
  role: "admin",
  regionId: "binjai",
};

export function renderWithApi(
  ui: ReactNode,
  options: { handlers: Handlers; user?: PortalUser; path?: string } = { handlers: {} },
): RenderResult & { calls: Array<{ path: string; input: unknown }> } {
  const calls: Array<{ path: string; input: unknown }> = [];
  const client = createApiClient([fakeLink(options.handlers, calls)]);
  const queryClient = makeQueryClient();
  queryClient.setDefaultOptions({ queries: { retry: false, staleTime: Infinity } });
  const result = render(
    <MemoryRouter initialEntries={[options.path ?? "/"]}>
      <Providers client={client} queryClient={queryClient}>
        <SessionProvider user={options.user ?? ADMIN} signOut={async () => undefined}>
          {ui}
        </SessionProvider>
      </Providers>
    </MemoryRouter>,
  );
  return Object.assign(result, { calls });
}
