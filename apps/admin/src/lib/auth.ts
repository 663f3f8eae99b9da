// better-auth's browser client: e-mail sign-in for operators and admins, NIP sign-in (the username
// plugin) for assessors and employees. The session carries the role and region the API decides by, and
// whether the person signed in with a temporary password they must change first.
import { inferAdditionalFields, usernameClient } from "better-auth/client/plugins";
import { createAuthClient } from "better-auth/react";

export const authClient = createAuthClient({
  baseURL: typeof window === "undefined" ? "http://localhost" : window.location.origin,
  plugins: [
    usernameClient(),
    inferAdditionalFields({
      user: {
        role: { type: "string", required: true, input: false },
        regionId: { type: "string", required: false, input: false },
        mustChangePassword: { type: "boolean", required: false, input: false },
      },
    }),
  ],
});

export type Role = "operator" | "admin" | "assessor" | "employee";

/** Where someone activates an account made in bulk with the code from their letter (pages/ActivationPage). */
export const ACTIVATION_PATH = "/aktivasi";
/** Asking for a link to set a new password; the link comes back to RESET_PASSWORD_PATH. */
export const FORGOT_PASSWORD_PATH = "/lupa-sandi";
export const RESET_PASSWORD_PATH = "/atur-ulang-sandi";

export interface PortalUser {
  id: string;
  name: string;
  email: string;
  /** The NIP of assessors and employees. */
  username: string | null;
  role: Role;
  regionId: string | null;
}

const NIP = /^\d{18}$/;

/** An 18-digit login is a NIP; anything else is an e-mail address. */
export function loginKind(login: string): "nip" | "email" {
  return NIP.test(login.replace(/\s+/g, "")) ? "nip" : "email";
}

export interface SignInResult {
  ok: boolean;
  /** better-auth's error code or message when refused. */
  error?: string;
  /** The server's own words, in Indonesian: why sign-in is held back (429) and for how long. */
  message?: string;
  status?: number;
}

export async function signIn(login: string, password: string): Promise<SignInResult> {
  const trimmed = login.trim();
  const response =
    loginKind(trimmed) === "nip"
      ? await authClient.signIn.username({ username: trimmed.replace(/\s+/g, ""), password })
      : await authClient.signIn.email({ email: trimmed, password });
  if (response.error) {
    return { ok: false, error: response.error.code ?? response.error.message ?? "", message: response.error.message, status: response.error.status };
  }
  return { ok: true };
}

export interface PasswordChangeResult {
  ok: boolean;
  /** better-auth's error code when refused, e.g. INVALID_PASSWORD for a wrong current password. */
  code?: string;
  message?: string;
}

/** Changes the signed-in person's password; the server ends their other sessions whatever is asked. */
export async function changeOwnPassword(currentPassword: string, newPassword: string): Promise<PasswordChangeResult> {
  const response = await authClient.changePassword({ currentPassword, newPassword, revokeOtherSessions: true });
  if (response.error) return { ok: false, code: response.error.code, message: response.error.message };
  return { ok: true };
}
