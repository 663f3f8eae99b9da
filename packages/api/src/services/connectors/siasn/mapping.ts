// The SIASN connector's mapping file: the field names of SIASN's REST answers (`rest`) and the column
// headers of the spreadsheet a BKD downloads from SIASN (`sheet`), and which Kinerja unit each SIASN unit
// (unor) is (`units`: SIASN unor id → Kinerja unit id; an unor not listed is the Kinerja unit of the same
// id, or a new unit with that id). The region edits it as data; nothing here names a region.
import { z } from "zod";
import defaults from "./mapping.json" with { type: "json" };

const field = z.string().trim().min(1).max(100);
const path = z.string().regex(/^\/[A-Za-z0-9/_.-]{1,200}$/, "jalur diawali /, mis. /pns/data-utama");

/** Where each employee field is: a JSON key of SIASN's answer, or a column header of the export. */
const employeeFields = z.strictObject({ nip: field, nama: field, jabatan: field, golongan: field, unitId: field, atasanNip: field.nullable() });
const unitFields = z.strictObject({ id: field, name: field, parentId: field.nullable() });

export const siasnMapping = z.strictObject({
  rest: z.strictObject({
    unitsPath: path,
    employeesPath: path,
    /** Rows asked for per page (`limit`). */
    pageSize: z.number().int().min(1).max(1000),
    /** One request's time limit. */
    timeoutSeconds: z.number().int().min(1).max(300),
    /** How many times a 5xx answer, a dropped connection or a 429 is tried again before the fetch fails. */
    retries: z.number().int().min(0).max(5),
    unit: unitFields,
    employee: employeeFields,
  }),
  sheet: z.strictObject({
    /** The XLSX worksheet read; null reads the first. */
    sheetName: z.string().min(1).max(100).nullable(),
    delimiter: z.enum([",", ";", "\t"]),
    employee: employeeFields,
    /** The export lists each employee's unit; units are read from those columns (a null parent keeps the unit's). */
    unit: unitFields,
  }),
  units: z.record(z.string().min(1).max(100), z.string().regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, "kode unit Kinerja: huruf kecil, angka, . _ -")),
});

export type SiasnMapping = z.infer<typeof siasnMapping>;

export const defaultSiasnMapping: SiasnMapping = siasnMapping.parse(defaults);
