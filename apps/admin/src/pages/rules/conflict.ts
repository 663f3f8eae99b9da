// Whether a save was refused because someone else saved the draft first: known as soon as the page
// loads, while the dialog that resolves it (DraftConflict) loads only when there is one.
import { TRPCClientError } from "@trpc/client";

/** True for the server's refusal of a save made over an older revision of the draft. */
export function isConflict(error: unknown): boolean {
  return error instanceof TRPCClientError && (error.data as { code?: string } | undefined)?.code === "CONFLICT";
}
