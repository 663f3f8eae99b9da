// The work-log connector's mapping file: the header of each column of a recap (the other system's names,
// matched case-insensitively), the CSV delimiter, the date format of a date typed as text (a spreadsheet's
// own date cells are read as dates whatever it is), and the sheet name of the template.
import { z } from "zod";
import defaults from "./mapping.json" with { type: "json" };

const header = z.string().trim().min(1).max(100);

export const worklogMapping = z.strictObject({
  columns: z.strictObject({
    nip: header,
    date: header,
    /** The IKI's text as the employee's SKP writes it. */
    iki: header,
    description: header,
    quantity: header,
    /** The unit of the quantity, checked against the IKI's; null when the recap has no such column. */
    satuan: header.nullable(),
  }),
  csv: z.strictObject({ delimiter: z.enum([",", ";", "\t"]) }),
  dateFormat: z.enum(["YYYY-MM-DD", "DD/MM/YYYY", "DD-MM-YYYY"]),
  sheetName: z.string().trim().min(1).max(31),
});

export type WorklogMapping = z.infer<typeof worklogMapping>;

export const defaultWorklogMapping: WorklogMapping = worklogMapping.parse(defaults);
