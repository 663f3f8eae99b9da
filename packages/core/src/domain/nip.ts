// NIP (Nomor Induk Pegawai): 18 digits — birth date YYYYMMDD, start of service YYYYMM,
// sex digit (1 male, 2 female), 3-digit sequence. Parsing tells what is wrong, not just "invalid".

/** A NIP's parts: birth date, start of service, sex and sequence. */
export interface ParsedNip {
  nip: string;
  birthDate: string;
  serviceStart: string;
  sex: "L" | "P";
  sequence: string;
}

/** parseNip's answer: the NIP's parts, or what is wrong with it. */
export type NipCheck = { ok: true; value: ParsedNip } | { ok: false; error: string };

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

/** Checks a NIP's structure and date parts; the error names the part that is wrong (in Indonesian). */
export function parseNip(raw: string): NipCheck {
  const nip = raw.replace(/\s+/g, "");
  if (!/^\d{18}$/.test(nip)) {
    return { ok: false, error: `NIP "${raw}" harus 18 digit angka (ditemukan ${nip.length} karakter)` };
  }
  const by = Number(nip.slice(0, 4));
  const bm = Number(nip.slice(4, 6));
  const bd = Number(nip.slice(6, 8));
  if (by < 1900 || !validDate(by, bm, bd)) {
    return { ok: false, error: `NIP "${nip}": tanggal lahir ${nip.slice(0, 8)} bukan tanggal yang sah (YYYYMMDD)` };
  }
  const sy = Number(nip.slice(8, 12));
  const sm = Number(nip.slice(12, 14));
  if (sy < by + 15 || sm < 1 || sm > 12) {
    return {
      ok: false,
      error: `NIP "${nip}": TMT ${nip.slice(8, 14)} bukan bulan yang sah (YYYYMM, sedikitnya 15 tahun setelah lahir)`,
    };
  }
  const sexDigit = nip[14];
  if (sexDigit !== "1" && sexDigit !== "2") {
    return { ok: false, error: `NIP "${nip}": digit ke-15 (jenis kelamin) harus 1 atau 2, ditemukan ${sexDigit}` };
  }
  const sequence = nip.slice(15);
  if (sequence === "000") {
    return { ok: false, error: `NIP "${nip}": nomor urut (3 digit terakhir) tidak boleh 000` };
  }
  return {
    ok: true,
    value: {
      nip,
      birthDate: `${nip.slice(0, 4)}-${nip.slice(4, 6)}-${nip.slice(6, 8)}`,
      serviceStart: `${nip.slice(8, 12)}-${nip.slice(12, 14)}`,
      sex: sexDigit === "1" ? "L" : "P",
      sequence,
    },
  };
}

/** Whether a NIP is 18 digits with a real birth date, start of service and sex digit. */
export function isValidNip(raw: string): boolean {
  return parseNip(raw).ok;
}
