import { describe, expect, it } from "vitest";
import { loginKind } from "./auth";

describe("the login field", () => {
  it("takes 18 digits as a NIP, spaces allowed, and anything else as an e-mail", () => {
    expect(loginKind("198503122010011001")).toBe("nip");
    expect(loginKind("19850312 201001 1 001")).toBe("nip");
    expect(loginKind("admin@binjai.kinerja.local")).toBe("email");
    expect(loginKind("12345")).toBe("email");
  });
});
