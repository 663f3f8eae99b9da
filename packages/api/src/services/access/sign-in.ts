// Whether a signed-in session may use the API at all: someone signed in with a temporary password an admin
// set may do nothing but change it (through better-auth's /change-password), on every route alike.
import { DomainError } from "../lib/index.js";

export const PASSWORD_CHANGE_REQUIRED_MESSAGE =
  "Anda masuk dengan kata sandi sementara dari admin. Ganti kata sandi Anda terlebih dahulu; setelah itu semua menu dapat dipakai.";

export function requireSettledPassword(session: { mustChangePassword: boolean }): void {
  if (session.mustChangePassword) throw new DomainError({ code: "PRECONDITION_FAILED", message: PASSWORD_CHANGE_REQUIRED_MESSAGE });
}
