import { fireEvent, screen, within } from "@testing-library/react";
import type { RuleFile } from "@kinerja/core";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { renderWithApi } from "../../../test/api";
import { AxisWeights } from "./AxisWeightsForm";
import { Scales } from "./ScalesForm";
import type { Update } from "./shared";

/** PP 30/2019's parts these forms set: a 0–120 scale worth 120, and the 60/40 split where peers and subordinates rate. */
function pp30(): RuleFile {
  return {
    id: "pp-30-2019",
    name: "PP 30/2019",
    scales: { nilai: { min: 0, max: 120, toScore: "percentOfMax", scoreMax: 120 } },
    axes: { hasil_kerja: 70, perilaku: 30 },
    axisVariants: [
      { id: "penilaian_360", name: "Penilaian 360°", when: { all: [{ fact: "penilaian_360", operator: "equal", value: true }] }, axes: { hasil_kerja: 60, perilaku: 40 } },
    ],
  } as RuleFile;
}

/** The form's edits applied to a copy of the file, as the rules page applies them. */
function editing(file: RuleFile): { file: RuleFile; update: Update } {
  const state = { file };
  return {
    get file() {
      return state.file;
    },
    update: (change) => {
      const draft = structuredClone(state.file);
      change(draft);
      state.file = draft;
    },
  };
}

/** The axis form over a file held in state, as the rules page holds it, so the form shows each edit. */
function LiveAxisWeights(props: { initial: RuleFile; seen: { file: RuleFile } }) {
  const [file, setFile] = useState(props.initial);
  const update: Update = (change) => {
    const draft = structuredClone(file);
    change(draft);
    props.seen.file = draft;
    setFile(draft);
  };
  return <AxisWeights file={file} update={update} />;
}

describe("rule forms for a scale's own maximum and the other axis splits", () => {
  it("sets and clears a scale's highest score (scoreMax)", () => {
    const edit = editing(pp30());
    renderWithApi(<Scales file={edit.file} update={edit.update} />);
    const input = screen.getByLabelText("Nilai paling tinggi");
    expect((input as HTMLInputElement).value).toBe("120");
    fireEvent.change(input, { target: { value: "110" } });
    expect(edit.file.scales?.nilai?.scoreMax).toBe(110);
    fireEvent.change(input, { target: { value: "" } });
    expect(edit.file.scales?.nilai && "scoreMax" in edit.file.scales.nilai).toBe(false);
  });

  it("edits the 60/40 split's weights and name, with its own total, keeping its condition", () => {
    const edit = editing(pp30());
    renderWithApi(<AxisWeights file={edit.file} update={edit.update} />);
    const card = screen.getByTestId("axis-variant-penilaian_360");
    fireEvent.change(within(card).getByLabelText("Hasil kerja"), { target: { value: "55" } });
    fireEvent.change(within(card).getByLabelText("Perilaku kerja"), { target: { value: "45" } });
    fireEvent.change(within(card).getByLabelText("Nama pembagian lain"), { target: { value: "Penilaian 360° (55/45)" } });
    expect(edit.file.axisVariants?.[0]).toEqual({
      id: "penilaian_360",
      name: "Penilaian 360° (55/45)",
      when: { all: [{ fact: "penilaian_360", operator: "equal", value: true }] },
      axes: { hasil_kerja: 55, perilaku: 45 },
    });
    expect(edit.file.axes).toEqual({ hasil_kerja: 70, perilaku: 30 });
    expect(within(card).getByTestId("axis-variant-total-penilaian_360").textContent).toContain("100");
  });

  it("adds a variant with its own code, weights and condition, and removes one", () => {
    const edit = { file: pp30() };
    renderWithApi(<LiveAxisWeights initial={edit.file} seen={edit} />);
    fireEvent.click(screen.getByRole("button", { name: "Tambah varian" }));
    expect(edit.file.axisVariants?.[1]).toEqual({
      id: "pembagian_2",
      name: "Pembagian baru",
      when: { all: [{ fact: "employee.jenisJabatan", operator: "equal", value: "fungsional" }] },
      axes: { hasil_kerja: 70, perilaku: 30 },
    });
    const card = screen.getByTestId("axis-variant-pembagian_2");
    const condition = within(card).getByLabelText(/Syarat berlaku/);
    fireEvent.change(condition, { target: { value: '{ "all": [{ "fact": "employee.status", "operator": "equal", "value": "PPPK" }] }' } });
    fireEvent.blur(condition);
    expect(edit.file.axisVariants?.[1]?.when).toEqual({ all: [{ fact: "employee.status", operator: "equal", value: "PPPK" }] });
    fireEvent.click(screen.getByRole("button", { name: "Hapus varian Penilaian 360°" }));
    expect(edit.file.axisVariants?.map((v) => v.id)).toEqual(["pembagian_2"]);
  });
});
