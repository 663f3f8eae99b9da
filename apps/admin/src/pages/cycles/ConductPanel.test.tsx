import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { renderWithApi } from "../../test/api";
import { DeadlinesPanel } from "./DeadlinesPanel";
import { PeersEditor } from "./PeersPanel";
import { RemindersPanel } from "./RemindersPanel";

const person = (id: string, nama: string, nip: string, extra: Record<string, unknown> = {}) => ({
  id,
  nip,
  nama,
  jabatan: "Analis",
  jenisJabatan: null,
  jenjang: null,
  golongan: null,
  status: null,
  unitId: "bkpsdm",
  atasanNip: "197001011995031001",
  attributes: {},
  history: [],
  ...extra,
});

describe("deadlines", () => {
  it("lists the sources the rules use and sets one", async () => {
    const set: unknown[] = [];
    renderWithApi(<DeadlinesPanel cycleId="c1" sources={["peer", "supervisor"]} editable />, {
      handlers: {
        "assessment.deadlines": () => [{ source: "supervisor", sourceName: "atasan langsung", dueDate: "2025-12-15" }],
        "cycle.progress": () => ({ sheets: { peer: { expected: 10, submitted: 4 }, supervisor: { expected: 5, submitted: 5 } } }),
        "assessment.setDeadline": (input) => {
          set.push(input);
          return [];
        },
      },
    });
    const peer = (await screen.findByLabelText("Batas waktu Rekan kerja")) as HTMLInputElement;
    expect(peer.value).toBe("");
    expect((screen.getByLabelText("Batas waktu Atasan langsung") as HTMLInputElement).value).toBe("2025-12-15");
    expect(await screen.findByText("4 dari 10 lembar terkirim")).toBeTruthy();
    const save = screen.getByRole("button", { name: "Simpan batas waktu Rekan kerja" }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    fireEvent.change(peer, { target: { value: "2025-11-30" } });
    fireEvent.click(save);
    await waitFor(() => expect(set).toEqual([expect.objectContaining({ cycleId: "c1", source: "peer", dueDate: "2025-11-30" })]));
  });

  it("only shows them to those who may not change them", async () => {
    renderWithApi(<DeadlinesPanel cycleId="c1" sources={["supervisor"]} editable={false} note="Batas waktu ditetapkan oleh admin BKPSDM." />, {
      handlers: { "assessment.deadlines": () => [], "cycle.progress": () => ({ sheets: {} }) },
    });
    expect(await screen.findByText("Belum ditetapkan")).toBeTruthy();
    expect(screen.getByText("Batas waktu ditetapkan oleh admin BKPSDM.")).toBeTruthy();
    expect(screen.queryByRole("button", { name: /Simpan/ })).toBeNull();
  });
});

describe("who is late", () => {
  it("lists late sheets with days late, and those missing peers", async () => {
    const onChoosePeers = vi.fn();
    const ratee = { employeeId: "e1", nip: "198503122010011001", nama: "Siti Rahma", unitId: "bkpsdm" };
    renderWithApi(<RemindersPanel cycleId="c1" onChoosePeers={onChoosePeers} />, {
      handlers: {
        "assessment.reminders": () => ({
          asOf: "2026-01-10",
          late: [
            { source: "peer", ratee, rater: { employeeId: "e2", nip: "199001012015031002", nama: "Budi Santoso", unitId: "bkpsdm" }, raterNote: null, state: "missing", assessmentId: null, dueDate: "2025-12-31", daysLate: 10 },
            { source: "public", ratee, rater: null, raterNote: "admin BKD (survei kepuasan masyarakat)", state: "draft", assessmentId: "a1", dueDate: "2026-01-05", daysLate: 5 },
          ],
          missingPeers: [{ ...ratee, assigned: 0, min: 1 }],
        }),
      },
    });
    const table = await screen.findByTestId("late-table");
    expect(screen.getByTestId("late-count").textContent).toBe("2 lembar belum dikirim melewati batas waktu, per 2026-01-10");
    const rows = within(table).getAllByRole("row");
    expect(rows[1]?.textContent).toContain("Budi Santoso");
    expect(rows[1]?.textContent).toContain("10 hari");
    expect(rows[1]?.textContent).toContain("Belum diisi");
    expect(rows[2]?.textContent).toContain("survei kepuasan masyarakat");
    fireEvent.change(screen.getByLabelText("Cari penilai atau pegawai"), { target: { value: "budi" } });
    expect(within(table).getAllByRole("row")).toHaveLength(2);

    expect(screen.getByText("1 pegawai belum cukup rekan penilai")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Siti Rahma" }));
    expect(onChoosePeers).toHaveBeenCalledWith({ id: "e1", label: "Siti Rahma · 198503122010011001" });
  });

  it("says so when nobody is late", async () => {
    renderWithApi(<RemindersPanel cycleId="c1" />, { handlers: { "assessment.reminders": () => ({ asOf: "2026-01-10", late: [], missingPeers: [] }) } });
    expect(await screen.findByText("Tidak ada yang terlambat")).toBeTruthy();
  });
});

describe("choosing peers", () => {
  it("offers colleagues of the unit but not the superior or the reports, and saves within min and max", async () => {
    const saved: unknown[] = [];
    const listed: unknown[] = [];
    const employee = person("e1", "Siti Rahma", "198503122010011001");
    const colleagues = [
      person("e2", "Budi Santoso", "199001012015031002"),
      person("e3", "Citra Lestari", "199202022016032003"),
      person("e4", "Kepala Bidang", "197001011995031001", { atasanNip: null }),
      person("e5", "Staf Siti", "199505052019031005", { atasanNip: "198503122010011001" }),
    ];
    renderWithApi(<PeersEditor cycleId="c1" employeeId="e1" editable />, {
      handlers: {
        "employee.get": () => employee,
        "employee.list": (input) => {
          listed.push(input);
          return { items: [employee, ...colleagues], nextCursor: null };
        },
        "assessment.peers": () => ({ employeeId: "e1", min: 2, max: 3, peers: [{ employeeId: "e2", nip: "199001012015031002", nama: "Budi Santoso", jabatan: "Analis", unitId: "bkpsdm", submitted: true }] }),
        "assessment.setPeers": (input) => {
          saved.push(input);
          return { employeeId: "e1", min: 2, max: 3, peers: [] };
        },
      },
    });
    expect(await screen.findByText("Aturan wilayah: 2 sampai 3 rekan penilai per pegawai.")).toBeTruthy();
    expect(screen.getByTestId("peer-list").textContent).toContain("Budi Santoso · sudah menilai");
    expect(screen.getByTestId("peer-count").textContent).toBe("1 dipilih (boleh 2–3)");
    const save = screen.getByRole("button", { name: "Simpan rekan penilai" }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);

    // The field loads after the page (components/LazySelect.tsx).
    const field = await screen.findByRole("combobox", { name: "Rekan penilai Siti Rahma" });
    fireEvent.focus(field);
    fireEvent.click(field);
    fireEvent.keyDown(field, { key: "ArrowDown" });
    const options = await screen.findAllByRole("option", { hidden: true });
    expect(options.map((o) => o.textContent)).toEqual(["Citra Lestari · 199202022016032003"]);
    expect(listed.at(-1)).toMatchObject({ unitId: "bkpsdm" });
    fireEvent.click(options[0] as HTMLElement);
    await waitFor(() => expect(screen.getByTestId("peer-count").textContent).toBe("2 dipilih (boleh 2–3)"));
    fireEvent.click(save);
    await waitFor(() => expect(saved).toEqual([expect.objectContaining({ cycleId: "c1", employeeId: "e1", peerIds: ["e2", "e3"] })]));
  });
});
