// What went wrong, as a person can act on it: the server's own message (Indonesian) for API refusals,
// or a translated fallback for network failures.
import { TRPCClientError } from "@trpc/client";
import type { TFunction } from "i18next";

export function errorMessage(error: unknown, t: TFunction): string {
  if (error instanceof TRPCClientError) {
    const code = (error.data as { code?: string } | undefined)?.code;
    if (code === "UNAUTHORIZED") return t("errors.unauthorized");
    if (code === "FORBIDDEN") return error.message || t("errors.forbidden");
    if (error.message && !/fetch|network/i.test(error.message)) return error.message;
    return t("errors.network");
  }
  if (error instanceof Error && error.message) return error.message;
  return t("errors.unknown");
}
