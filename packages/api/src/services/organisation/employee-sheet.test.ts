// The employee sheet read on its own, from small CSV and XLSX buffers: no database, the region's units and
// NIPs given as sets.
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { employeeSheetParts, parseEmployeeSheet, SHEET_PART, type EmployeeColumns, type KnownInRegion } from "./employee-sheet.js";

const known: KnownInRegion = { units: new Set(["dinkes", "disdik"]), nips: new Set(["198001012005011001"]) };

function csv(...lines: string[]): Uint8Array {
  return Buffer.from(lines.join("\r\n"), "utf8");
}

async function xlsx(rows: Array<Array<string | number>>, far?: { cell: string; value: string }): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Pegawai");
  sheet.addRows(rows);
  if (far) sheet.getCell(far.cell).value = far.value;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const GOOD_ROWS = [
  ["NIP", "Nama", "Jabatan", "Unit"],
  ["199606062020031006", "Eka", "Staf", "dinkes"],
];
const LIMITS_EXPECTED =
  "paling banyak 200.000 pegawai (baris 2 sampai 200.001) dan 100 kolom (A sampai CV); kosongkan sel di luarnya, atau bagi berkas menjadi beberapa " +
  "(at most 200,000 employees, rows 2 to 200,001, and 100 columns, A to CV; clear the cells outside, or split the file)";
const outside = (cell: string) => `sel ${cell} terisi, di luar batas berkas pegawai (cell ${cell} is filled, outside the employee sheet's limits)`;

describe("parseEmployeeSheet", () => {
  it("reads a CSV into employees: header aliases, optional fields, attributes typed, superiors in the sheet or the region", async () => {
    const sheet = await parseEmployeeSheet(
      "csv",
      csv(
        "NIP,Nama Pegawai,Jabatan,Jenis Jabatan,Golongan,Status,Unit Kerja,NIP Atasan,atribut.guru,atribut.masa_kerja",
        "199001012015031001,Rina Sitompul,Guru Ahli Pertama,Fungsional,III/a,pns,disdik,198001012005011001,ya,8",
        '"199202022016032002","Budi, S.Pd.",Guru Ahli Muda,,,,disdik,199001012015031001,tidak,',
      ),
      known,
    );
    expect(sheet.errors).toEqual([]);
    expect(sheet.rows).toBe(2);
    expect(sheet.employees).toEqual([
      {
        row: 2,
        nip: "199001012015031001",
        nama: "Rina Sitompul",
        jabatan: "Guru Ahli Pertama",
        jenis_jabatan: "fungsional",
        jenjang: null,
        golongan: "III/a",
        status: "PNS",
        unit_id: "disdik",
        atasan_nip: "198001012005011001",
        attributes: { guru: true, masa_kerja: 8 },
      },
      expect.objectContaining({ row: 3, nama: "Budi, S.Pd.", atasan_nip: "199001012015031001", attributes: { guru: false } }),
    ]);
  });

  it("keeps an E-mail column as the email attribute, to which account invitations go", async () => {
    const sheet = await parseEmployeeSheet("csv", csv("NIP,Nama,Jabatan,Unit,E-mail", "199606062020031006,Eka,Staf,dinkes,eka@dinkes.example.go.id"), known);
    expect(sheet.errors).toEqual([]);
    expect(sheet.employees[0]?.attributes).toEqual({ email: "eka@dinkes.example.go.id" });
    const surel = await parseEmployeeSheet("csv", csv("NIP;Nama;Jabatan;Unit;Surel", "199606062020031006;Eka;Staf;dinkes;eka@dinkes.example.go.id"), known);
    expect(surel.employees[0]?.attributes).toEqual({ email: "eka@dinkes.example.go.id" });
  });

  it("reads semicolon-separated CSV with a byte order mark, as Indonesian spreadsheets save it, and skips empty lines", async () => {
    const sheet = await parseEmployeeSheet("csv", csv("\uFEFFNIP;Nama;Jabatan;Unit", "", "199303032017031003;Sari Lubis;Pranata Komputer;dinkes", ""), known);
    expect(sheet.errors).toEqual([]);
    expect(sheet.employees).toMatchObject([{ row: 3, nip: "199303032017031003", nama: "Sari Lubis", unit_id: "dinkes" }]);
  });

  it("reports every bad cell with its row, column, value and what was expected, in row order, and keeps only good rows", async () => {
    const sheet = await parseEmployeeSheet(
      "csv",
      csv(
        "nip,nama,jabatan,jenis_jabatan,golongan,status,unit,atasan_nip",
        "199001012015031004,Baik Saja,Staf,pelaksana,III/a,PNS,dinkes,",
        "19900101201503100,Kurang Digit,Staf,,,,dinkes,",
        "199001012015031004,Dobel,Staf,,,,dinkes,",
        "199001012015031006,,Staf,honorer,V/z,CPNS,unit-hantu,199001012015031006",
        "199404042018032004,Tia,Staf,,,,dinkes,198001012005011099",
      ),
      known,
    );
    expect(sheet.rows).toBe(5);
    expect(sheet.employees.map((e) => e.row)).toEqual([2]);
    expect(sheet.errors.map((e) => [e.row, e.column])).toEqual([
      [3, "nip"],
      [4, "nip"],
      [5, "nama"],
      [5, "unit"],
      [5, "jenis_jabatan"],
      [5, "status"],
      [5, "golongan"],
      [5, "atasan_nip"],
      [6, "atasan_nip"],
    ]);
    const at = (row: number, column: string) => sheet.errors.find((e) => e.row === row && e.column === column);
    expect(at(3, "nip")).toMatchObject({ value: "19900101201503100", expected: expect.stringContaining("18 digit") });
    expect(at(4, "nip")).toMatchObject({ message: "NIP sudah muncul di baris 2", expected: "setiap NIP sekali saja" });
    expect(at(5, "nama")).toMatchObject({ value: "", message: "kosong", expected: "nama diisi" });
    expect(at(5, "unit")).toMatchObject({ value: "unit-hantu", message: "unit tidak ditemukan di wilayah ini" });
    expect(at(5, "jenis_jabatan")).toMatchObject({ value: "honorer", expected: "struktural, fungsional, pelaksana" });
    expect(at(5, "status")).toMatchObject({ value: "CPNS", expected: "PNS atau PPPK" });
    expect(at(5, "golongan")?.value).toBe("V/z");
    expect(at(5, "atasan_nip")?.message).toBe("pegawai tidak bisa menjadi atasannya sendiri");
    expect(at(6, "atasan_nip")).toMatchObject({ value: "198001012005011099", expected: "NIP pegawai yang ada" });
  });

  it("takes a superior from a row that has problems of its own", async () => {
    const sheet = await parseEmployeeSheet(
      "csv",
      csv("nip,nama,jabatan,unit,atasan_nip", "198502022010011002,Kepala,,dinkes,", "199404042018032004,Tia,Staf,dinkes,198502022010011002"),
      known,
    );
    expect(sheet.errors).toEqual([expect.objectContaining({ row: 2, column: "jabatan" })]);
    expect(sheet.employees).toMatchObject([{ row: 3, atasan_nip: "198502022010011002" }]);
  });

  it("refuses unknown and missing columns on the header row, before reading any row", async () => {
    const sheet = await parseEmployeeSheet("csv", csv("nip,nama,hobi", "bukan-nip,Tia,catur"), known);
    expect(sheet.employees).toEqual([]);
    expect(sheet.errors).toEqual([
      { row: 1, column: "hobi", value: "hobi", message: "kolom tidak dikenal", expected: expect.stringContaining("atribut.<nama>") },
      { row: 1, column: "jabatan", value: "", message: "kolom jabatan tidak ada", expected: "kolom jabatan di baris judul" },
      { row: 1, column: "unit", value: "", message: "kolom unit tidak ada", expected: "kolom unit di baris judul" },
    ]);
  });

  it("refuses text the database cannot hold or that is too long, per cell, quoting a huge value only in part", async () => {
    const sheet = await parseEmployeeSheet(
      "csv",
      csv(
        "nip,nama,jabatan,unit,atribut.catatan",
        "199001012015031001,Rina\u0000,Staf,dinkes,",
        `199202022016032002,Budi,${"j".repeat(201)},dinkes,ok`,
        `${"1".repeat(1000)},Sari,Staf,dinkes,a\u0000b`,
      ),
      known,
    );
    expect(sheet.employees).toEqual([]);
    expect(sheet.errors).toEqual([
      { row: 2, column: "nama", value: "Rina\u0000", message: "memuat karakter NUL (\\u0000)", expected: "teks tanpa karakter itu" },
      { row: 3, column: "jabatan", value: `${"j".repeat(100)}… (201 karakter)`, message: "terlalu panjang (201 karakter)", expected: "paling banyak 200 karakter" },
      { row: 4, column: "atribut.catatan", value: "a\u0000b", message: "memuat karakter NUL (\\u0000)", expected: "teks tanpa karakter itu" },
      { row: 4, column: "nip", value: `${"1".repeat(100)}… (1000 karakter)`, message: "terlalu panjang (1000 karakter)", expected: "NIP 18 digit" },
    ]);
    const header = await parseEmployeeSheet("csv", csv("nip,nama,jabatan,unit,atribut.a\u0000", "199001012015031001,Rina,Staf,dinkes,x"), known);
    expect(header.errors).toEqual([
      { row: 1, column: "atribut.a\u0000", value: "atribut.a\u0000", message: "memuat karakter NUL (\\u0000)", expected: "teks tanpa karakter itu" },
    ]);
  });

  it("refuses columns named after Object's own properties as unknown, like any other", async () => {
    const sheet = await parseEmployeeSheet("csv", csv("nip,nama,jabatan,unit,constructor,__proto__,toString", "199001012015031001,Rina,Staf,dinkes,x,y,z"), known);
    expect(sheet.errors.map((e) => [e.column, e.message])).toEqual([
      ["constructor", "kolom tidak dikenal"],
      ["__proto__", "kolom tidak dikenal"],
      ["toString", "kolom tidak dikenal"],
    ]);
  });

  it("refuses a sheet with no data rows, and bytes that are no sheet at all", async () => {
    expect((await parseEmployeeSheet("csv", csv("nip,nama,jabatan,unit"), known)).errors).toEqual([
      { row: 2, column: "", value: "", message: "tidak ada baris data", expected: "paling sedikit satu pegawai" },
    ]);
    const unclosed = await parseEmployeeSheet("csv", csv("nip,nama,jabatan,unit", '"199001012015031001,Rina'), known);
    expect(unclosed.errors).toEqual([expect.objectContaining({ row: 1, message: expect.stringMatching(/^Berkas tidak bisa dibaca/), expected: "berkas CSV yang sah" })]);
    const garbage = await parseEmployeeSheet("xlsx", Buffer.from("bukan excel"), known);
    expect(garbage).toMatchObject({ rows: 0, employees: [], errors: [{ row: 1, expected: "berkas XLSX yang sah" }] });
  });

  it("refuses an XLSX with a filled cell far past the limits by naming it, without walking the rectangle up to it", async () => {
    for (const cell of ["ZZ4000", "XFD1048576", "A200002", "CW2"]) {
      const sheet = await parseEmployeeSheet("xlsx", await xlsx(GOOD_ROWS, { cell, value: "x" }), known);
      const [, column = "", row = ""] = /^([A-Z]+)(\d+)$/.exec(cell) ?? [];
      expect(sheet).toEqual({
        rows: 0,
        employees: [],
        errors: [{ row: Number(row), column, value: "", message: outside(cell), expected: LIMITS_EXPECTED }],
      });
    }
  });

  it("reads a sheet filled up to its limits: cells CV2 and A200001 are inside", async () => {
    const sheet = await parseEmployeeSheet("xlsx", await xlsx(GOOD_ROWS, { cell: "A200001", value: "" }), known);
    expect(sheet.errors).toEqual([]);
    const wide = await parseEmployeeSheet("xlsx", await xlsx(GOOD_ROWS, { cell: "CV2", value: "x" }), known);
    expect(wide.errors.filter((e) => e.message !== "kolom tidak dikenal")).toEqual([]);
  });

  it("refuses a CSV past the limits the same way, naming the cell", async () => {
    const wide = await parseEmployeeSheet("csv", csv("nip,nama,jabatan,unit", `199606062020031006,Eka,Staf,dinkes${",".repeat(97)}x`), known);
    expect(wide.errors).toEqual([{ row: 2, column: "CW", value: "", message: outside("CW2"), expected: LIMITS_EXPECTED }]);
    const long = await parseEmployeeSheet("csv", csv("nip,nama,jabatan,unit", "\r\n".repeat(199_999), "199606062020031006,Eka,Staf,dinkes"), known);
    expect(long.errors).toEqual([{ row: 200_002, column: "A", value: "", message: outside("A200002"), expected: LIMITS_EXPECTED }]);
  });

  it("reads the first worksheet of an XLSX file, and refuses a NIP the spreadsheet stored as a number", async () => {
    const sheet = await parseEmployeeSheet(
      "xlsx",
      await xlsx([
        ["NIP", "Nama", "Jabatan", "Unit", "atribut.angkatan"],
        ["199606062020031006", "Eka", "Staf", "dinkes", 2020],
        [199707072021032000, "Fajar", "Staf", "dinkes", ""],
      ]),
      known,
    );
    expect(sheet.employees).toMatchObject([{ row: 2, nip: "199606062020031006", nama: "Eka", attributes: { angkatan: 2020 } }]);
    expect(sheet.errors).toEqual([
      expect.objectContaining({ row: 3, column: "nip", message: expect.stringContaining("angka"), expected: "kolom NIP berformat Teks (18 digit)" }),
    ]);
  });
});

/** Every part employeeSheetParts yields, and what it returns. */
async function parts(...args: Parameters<typeof employeeSheetParts>) {
  const stream = employeeSheetParts(...args);
  const yielded: EmployeeColumns[] = [];
  for (;;) {
    const step = await stream.next();
    if (step.done) return { yielded, end: step.value };
    yielded.push(step.value);
  }
}

describe("employeeSheetParts", () => {
  it("yields the employees parseEmployeeSheet gives, one array per written field, attributes as JSON text", async () => {
    const bytes = csv(
      "NIP,Nama,Jabatan,Jenis Jabatan,Golongan,Unit,NIP Atasan,atribut.guru,atribut.catatan",
      '199001012015031001,Rina,Guru,Fungsional,III/a,disdik,198001012005011001,ya,"baris\tdua ""kutip"""',
      "199202022016032002,Budi,Staf,,,dinkes,,tidak,",
    );
    const sheet = await parseEmployeeSheet("csv", bytes, known);
    const { yielded, end } = await parts("csv", bytes, known);
    expect(end).toEqual({ rows: 2, errors: [] });
    expect(yielded).toHaveLength(1);
    const employees = yielded[0]!;
    expect(employees.nip).toEqual(["199001012015031001", "199202022016032002"]);
    const fields = ["nip", "nama", "jabatan", "jenis_jabatan", "jenjang", "golongan", "status", "unit_id", "atasan_nip"] as const;
    sheet.employees.forEach((employee, i) => {
      for (const field of fields) expect(employees[field][i], `${field} of row ${employee.row}`).toBe(employee[field]);
      expect(JSON.parse(employees.attributes[i]!)).toEqual(employee.attributes);
    });
    expect(employees.atasan_nip).toEqual(["198001012005011001", null]);
    expect(JSON.parse(employees.attributes[0]!)).toEqual({ guru: true, catatan: 'baris\tdua "kutip"' });
    expect(Object.keys(employees).sort()).toEqual([...fields, "attributes"].sort());
  });

  it("yields good rows in parts as it reads, stops yielding at the first problem, and returns every problem", async () => {
    const rows = Array.from({ length: SHEET_PART * 2 + 10 }, (_, i) => {
      const born = new Date(Date.UTC(1970, 0, 1) + i * 86_400_000);
      const nip = `${born.toISOString().slice(0, 10).replace(/-/g, "")}${born.getUTCFullYear() + 25}01${1 + (i % 2)}001`;
      return `${nip},Pegawai ${i},Staf,dinkes,`;
    });
    const good = await parts("csv", csv("nip,nama,jabatan,unit,atasan_nip", ...rows), known);
    expect(good.end).toEqual({ rows: rows.length, errors: [] });
    expect(good.yielded.map((part) => part.nip.length)).toEqual([SHEET_PART, SHEET_PART, 10]);
    expect(good.yielded.flatMap((part) => part.nama)).toEqual(rows.map((_, i) => `Pegawai ${i}`));

    // A bad row in the second part: the first part was clean and is yielded, the rest are not.
    const bad = [...rows];
    bad[SHEET_PART + 5] = "bukan-nip,Salah,Staf,dinkes,";
    const refused = await parts("csv", csv("nip,nama,jabatan,unit,atasan_nip", ...bad), known);
    expect(refused.yielded.map((part) => part.nip.length)).toEqual([SHEET_PART]);
    expect(refused.end.errors.map((e) => [e.row, e.column])).toEqual([[SHEET_PART + 7, "nip"]]);

    // A superior found to be no one only at the end: every part was clean when yielded, the problem is returned.
    const orphan = [...rows, "199912312025011001,Terakhir,Staf,dinkes,198001012005011099"];
    const late = await parts("csv", csv("nip,nama,jabatan,unit,atasan_nip", ...orphan), known);
    expect(late.yielded.map((part) => part.nip.length)).toEqual([SHEET_PART, SHEET_PART, 11]);
    expect(late.end.errors).toEqual([expect.objectContaining({ row: orphan.length + 1, column: "atasan_nip", expected: "NIP pegawai yang ada" })]);
  });

  it("refuses an XLSX sheet on its header when a row after the parts given holds a value under no heading", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Pegawai");
    sheet.addRow(["nip", "nama", "jabatan", "unit"]);
    for (let i = 0; i < SHEET_PART + 5; i++) {
      const born = new Date(Date.UTC(1970, 0, 1) + i * 86_400_000);
      sheet.addRow([`${born.toISOString().slice(0, 10).replace(/-/g, "")}${born.getUTCFullYear() + 25}011001`, `Pegawai ${i}`, "Staf", "dinkes"]);
    }
    sheet.addRow(["199912312025011001", "Lebar", "Staf", "dinkes", "di luar judul"]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const { yielded, end } = await parts("xlsx", bytes, known);
    // Every part was given, the wide row's too (an unknown column is known only at the end); the end refuses them.
    expect(yielded.map((part) => part.nip.length)).toEqual([SHEET_PART, 6]);
    expect(end.rows).toBe(SHEET_PART + 6);
    expect(end.errors).toEqual([expect.objectContaining({ row: 1, column: "", message: "kolom tidak dikenal" })]);
    expect(await parseEmployeeSheet("xlsx", bytes, known)).toMatchObject({ rows: SHEET_PART + 6, employees: [], errors: end.errors });
  });
});
