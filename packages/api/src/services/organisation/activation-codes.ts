// One-time activation codes: 12 characters from an alphabet without the look-alikes 0/O and 1/I, shown in
// three groups of four (e.g. "K7QM-3TXA-9HCR"): 60 bits of chance, so guessing is hopeless within the
// attempts the activation limits allow, and a fast SHA-256 of the code is all that is stored (a slow hash
// per account would make 50,000 accounts take an hour). Typing is forgiving: case, spaces and hyphens do
// not matter.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** 32 characters, so five random bits pick one without bias. */
export const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export const CODE_LENGTH = 12;

/** A new code, grouped for reading: "K7QM-3TXA-9HCR". */
export function newActivationCode(): string {
  const bytes = randomBytes(CODE_LENGTH);
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) {
    if (i > 0 && i % 4 === 0) code += "-";
    code += CODE_ALPHABET[(bytes[i] as number) & 31];
  }
  return code;
}

/** The code as typed, reduced to its characters; null when it cannot be a code at all. */
export function normaliseActivationCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, "");
  if (code.length !== CODE_LENGTH || [...code].some((c) => !CODE_ALPHABET.includes(c))) return null;
  return code;
}

/** What is stored of a code: the SHA-256 of its characters, in hex. */
export function activationCodeHash(code: string): string {
  return createHash("sha256").update(code.toUpperCase().replace(/[\s-]/g, "")).digest("hex");
}

/** Whether a normalised code is the one whose hash is stored, compared in constant time. */
export function activationCodeMatches(code: string, storedHash: string): boolean {
  const given = Buffer.from(activationCodeHash(code), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return given.length === stored.length && timingSafeEqual(given, stored);
}
