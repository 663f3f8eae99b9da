// The one password policy, for every way a password is set: an admin creating an account, a person
// changing their own through better-auth (see auth-credentials.ts), and any other. It answers what is
// wrong, in Indonesian, before anything is hashed: the length is checked first, so a 100,000-character
// password costs a comparison, not a second of hashing.
import { DomainError } from "../lib/index.js";
import { COMMON_PASSWORDS } from "./common-passwords.js";

export const PASSWORD_MIN_LENGTH = 8;
/** Longer passwords add nothing a person types, and each character costs hashing time. */
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordProblemCode =
  | "PASSWORD_TOO_SHORT"
  | "PASSWORD_TOO_LONG"
  | "PASSWORD_CONTAINS_NIP"
  | "PASSWORD_CONTAINS_EMAIL_NAME"
  | "PASSWORD_TOO_SIMPLE"
  | "PASSWORD_TOO_COMMON";

export interface PasswordProblem {
  code: PasswordProblemCode;
  message: string;
}

/** Who the password is for: it must not be made of what others know about them. */
export interface PasswordOwner {
  nip?: string | null;
  email?: string | null;
}

const COMMON = new Set(COMMON_PASSWORDS);

/** Runs a password must not be a piece of: the alphabet, digits, keyboard rows and columns, either way. */
const RUNS = ["abcdefghijklmnopqrstuvwxyz", "01234567890", "qwertyuiopasdfghjklzxcvbnm", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p", "1q2w3e4r5t6y7u8i9o0p"].flatMap(
  (run) => [run, [...run].reverse().join("")],
);

/** Digits and symbols typed for letters: "p@ssw0rd" is "password". */
const LOOK_ALIKES: Record<string, string> = { "@": "a", "4": "a", "0": "o", "1": "i", "!": "i", "3": "e", "5": "s", $: "s", "7": "t" };

/** Letters and digits only, lower case: "1985 0312-2010" → "198503122010". */
function alphanumeric(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** The word under decoration: "@Sayang-123!" → "sayang", "p@ssw0rd1" → "password". */
function coreWord(lower: string): string {
  const trimmed = lower.replace(/^[^a-z]+|[^a-z]+$/g, "");
  return [...trimmed].map((c) => LOOK_ALIKES[c] ?? c).join("").replace(/[\s._-]/g, "");
}

/** The same few characters over and over ("aaaaaaaa", "abababab", "abcdabcd"), or a run ("12345678", "qwertyui"). */
function isSimple(lower: string): boolean {
  if (new Set(lower).size < 4) return true;
  for (let period = 1; period <= lower.length / 2; period++) {
    let repeats = true;
    for (let i = period; i < lower.length && repeats; i++) repeats = lower[i] === lower[i - period];
    if (repeats) return true;
  }
  return RUNS.some((run) => run.includes(lower));
}

/** What is wrong with a password for its owner, or null when it may be used. */
export function passwordProblem(password: string, owner: PasswordOwner = {}): PasswordProblem | null {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return { code: "PASSWORD_TOO_SHORT", message: `Kata sandi paling sedikit ${PASSWORD_MIN_LENGTH} karakter.` };
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    return { code: "PASSWORD_TOO_LONG", message: `Kata sandi paling banyak ${PASSWORD_MAX_LENGTH} karakter.` };
  }
  const lower = password.toLowerCase();
  const letters = alphanumeric(password);
  const nip = owner.nip ? alphanumeric(owner.nip) : "";
  // The NIP, or a piece of it long enough to be a date of birth or of appointment ("19850312").
  if (nip && (letters.includes(nip) || (/^\d{8,}$/.test(letters) && nip.includes(letters)))) {
    return { code: "PASSWORD_CONTAINS_NIP", message: "Kata sandi tidak boleh memuat NIP atau sebagian NIP Anda." };
  }
  const emailName = owner.email ? alphanumeric(owner.email.split("@")[0] ?? "") : "";
  if (emailName.length >= 4 && letters.includes(emailName)) {
    return { code: "PASSWORD_CONTAINS_EMAIL_NAME", message: "Kata sandi tidak boleh memuat nama e-mail Anda (bagian sebelum @)." };
  }
  if (isSimple(lower)) {
    return {
      code: "PASSWORD_TOO_SIMPLE",
      message: "Kata sandi terlalu mudah ditebak: jangan memakai karakter yang berulang atau berurutan, seperti aaaaaaaa atau 12345678.",
    };
  }
  if (COMMON.has(lower) || COMMON.has(coreWord(lower))) {
    return { code: "PASSWORD_TOO_COMMON", message: "Kata sandi ini termasuk yang paling sering dipakai sehingga mudah ditebak; pilih yang lain." };
  }
  return null;
}

/** Throws what is wrong with the password (400, at `pointer` in the input) unless it may be used. */
export function assertPasswordAllowed(password: string, owner: PasswordOwner = {}, pointer = "/password"): void {
  const problem = passwordProblem(password, owner);
  if (problem) throw new DomainError({ code: "BAD_REQUEST", message: problem.message, pointer });
}
