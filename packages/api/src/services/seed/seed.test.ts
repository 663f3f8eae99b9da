// Seeding the demo regions: a size too small for a region to have a head with staff is refused with what,
// where and what was expected, before anything is written, not with a bare "no result" from the query that
// looks for the assessor once the region is half written.
import { fileURLToPath } from "node:url";
import { createTestDatabase } from "@kinerja/db/testing";
import { describe, expect, it } from "vitest";
import { DEMO_REGIONS, isEmpty, seedDemo } from "./seed.js";

const RULES = fileURLToPath(new URL("../../../../../rules", import.meta.url));
const PASSWORD = "sandi-uji-seed-kecil";

describe("seedDemo", () => {
  it("refuses a size at which a region has no head with staff, naming the region, the size and the setting, and writes nothing", async () => {
    const database = await createTestDatabase("sqlite");
    try {
      // Kota Samarinda's first three employees head units with no one in them yet.
      await expect(seedDemo(database.db, { rulesDir: RULES, password: PASSWORD, size: 3 })).rejects.toThrow(
        "Seeding Kota Samarinda: none of its 3 demo employees heads anyone, so there is no assessor to sign in as; expected more employees per region (KINERJA_SEED_SIZE, default 300)",
      );
      // Nothing was written, so the next start seeds again.
      expect(await isEmpty(database.db)).toBe(true);
      expect(await database.db.selectFrom("user").select("id").execute()).toEqual([]);
    } finally {
      await database.dispose();
    }
  });

  it("seeds a region with an assessor who heads the employee seeded beside them", async () => {
    const pariaman = DEMO_REGIONS.find((r) => r.id === "pariaman")!;
    const database = await createTestDatabase("sqlite");
    try {
      const signIns = await seedDemo(database.db, { rulesDir: RULES, password: PASSWORD, size: 6, regions: [pariaman] });
      const assessor = signIns.find((s) => s.role === "assessor")!;
      const employee = signIns.find((s) => s.role === "employee")!;
      const member = await database.db.selectFrom("employees").select("atasan_nip").where("region_id", "=", "pariaman").where("nip", "=", employee.login).executeTakeFirstOrThrow();
      expect(member.atasan_nip).toBe(assessor.login);
    } finally {
      await database.dispose();
    }
  });
});
