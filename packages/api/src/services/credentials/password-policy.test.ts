import { describe, expect, it } from "vitest";
import { DomainError } from "../lib/index.js";
import { assertPasswordAllowed, PASSWORD_MAX_LENGTH, passwordProblem } from "./password-policy.js";

const NIP = "198503122010011001";
/** 128 characters that neither repeat nor run. */
const LONGEST = `Sungai Mahakam ${Array.from({ length: 60 }, (_, i) => i).join(",")}`.slice(0, PASSWORD_MAX_LENGTH);
const codeOf = (password: string, owner = {}) => passwordProblem(password, owner)?.code ?? null;

describe("the password policy", () => {
  it("takes 8 to 128 characters, and says so in Indonesian", () => {
    expect(passwordProblem("Kuat#7x")).toEqual({ code: "PASSWORD_TOO_SHORT", message: "Kata sandi paling sedikit 8 karakter." });
    expect(codeOf("Kuat#7xy")).toBeNull();
    expect(codeOf(LONGEST)).toBeNull();
    expect(passwordProblem(`${LONGEST}x`)).toEqual({
      code: "PASSWORD_TOO_LONG",
      message: "Kata sandi paling banyak 128 karakter.",
    });
    expect(codeOf("x".repeat(100_000))).toBe("PASSWORD_TOO_LONG");
  });

  it("refuses the most common passwords, Indonesian ones too, dressed up or not", () => {
    for (const password of ["password", "indonesia", "bismillah", "rahasia123", "sayang123", "Bismillah2025!", "@indonesia45", "p@ssw0rd1", "katasandi", "akusayangkamu"]) {
      expect(codeOf(password), password).toBe("PASSWORD_TOO_COMMON");
    }
  });

  it("refuses repeated and sequential characters", () => {
    for (const password of ["aaaaaaaa", "12345678", "87654321", "qwertyui", "asdfghjk", "abcdefgh", "abababab", "12121212", "abcdabcdabcd", "1q2w3e4r5t6y"]) {
      expect(codeOf(password), password).toBe("PASSWORD_TOO_SIMPLE");
    }
  });

  it("refuses the owner's NIP, a piece of it such as the date of birth, and the name of their e-mail", () => {
    expect(codeOf(NIP, { nip: NIP })).toBe("PASSWORD_CONTAINS_NIP");
    expect(codeOf(`nip${NIP}!`, { nip: NIP })).toBe("PASSWORD_CONTAINS_NIP");
    expect(codeOf("19850312 2010 01 1 001", { nip: NIP })).toBe("PASSWORD_CONTAINS_NIP");
    expect(codeOf("19850312", { nip: NIP })).toBe("PASSWORD_CONTAINS_NIP");
    expect(codeOf("siti.rahma-2025", { email: "siti.rahma@binjai.go.id" })).toBe("PASSWORD_CONTAINS_EMAIL_NAME");
    expect(codeOf("SitiRahma#88", { email: "siti.rahma@binjai.go.id" })).toBe("PASSWORD_CONTAINS_EMAIL_NAME");
    // Someone else's NIP, or a short e-mail name inside a longer word, tells nothing about the owner.
    expect(codeOf("19900101-pagi-cerah", { nip: NIP })).toBeNull();
    expect(codeOf("bola-di-kantor-7", { email: "bo@binjai.go.id" })).toBeNull();
  });

  it("accepts passwords people can remember that are not on any list", () => {
    for (const password of ["rahasia-uji-123", "kinerja-demo-2025", "Sungai Mahakam 7 kali", "k3bun-teh-pagi", "h7Tq2mWz9pKe"]) {
      expect(codeOf(password, { nip: NIP, email: "admin@binjai.test" }), password).toBeNull();
    }
  });

  it("throws a bad request pointing at the password field", () => {
    expect(() => assertPasswordAllowed("12345678")).toThrow(DomainError);
    try {
      assertPasswordAllowed("aaaaaaaa", {}, "/admin/password");
    } catch (error) {
      expect(error).toMatchObject({ code: "BAD_REQUEST", pointer: "/admin/password", message: expect.stringContaining("mudah ditebak") });
    }
    expect(() => assertPasswordAllowed("rahasia-uji-123")).not.toThrow();
  });
});
