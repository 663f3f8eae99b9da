import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { renderWithApi } from "../test/api";
import { ChoiceScale } from "./ChoiceScale";

const LABELS: Record<string, string> = { "1": "Sangat kurang", "2": "Kurang", "3": "Cukup", "4": "Baik", "5": "Sangat baik" };

function Rated(props: { initial?: number; disabled?: boolean }) {
  const [value, setValue] = useState(props.initial);
  return (
    <ChoiceScale
      label="Komunikasi"
      description={value === undefined ? "Pilih nilai" : LABELS[String(value)]}
      choices={[1, 2, 3, 4, 5]}
      titles={LABELS}
      value={value}
      disabled={props.disabled}
      onChange={setValue}
    />
  );
}

function checked(): string[] {
  return screen.getAllByRole("radio").filter((radio) => radio.getAttribute("aria-checked") === "true").map((radio) => radio.textContent ?? "");
}

describe("a choice scale", () => {
  it("is a radio group named by its visible label, with nothing checked until a value is picked", () => {
    renderWithApi(<Rated />, { handlers: {} });
    const group = screen.getByRole("radiogroup", { name: "Komunikasi" });
    expect(group.getAttribute("aria-describedby")).toBeTruthy();
    expect(document.getElementById(group.getAttribute("aria-describedby")!)?.textContent).toBe("Pilih nilai");
    expect(screen.getAllByRole("radio").map((r) => r.textContent)).toEqual(["1", "2", "3", "4", "5"]);
    expect(checked()).toEqual([]);
    // One tab stop: the first choice while none is checked.
    expect(screen.getAllByRole("radio").map((r) => r.tabIndex)).toEqual([0, -1, -1, -1, -1]);
  });

  it("picks a value with the pointer and moves it with arrows, Home and End", async () => {
    const user = userEvent.setup();
    renderWithApi(<Rated />, { handlers: {} });
    await user.click(screen.getByRole("radio", { name: "4" }));
    expect(checked()).toEqual(["4"]);
    expect(screen.getByText("Baik")).toBeTruthy();
    expect(document.activeElement?.textContent).toBe("4");

    await user.keyboard("{ArrowRight}");
    expect(checked()).toEqual(["5"]);
    expect(document.activeElement?.textContent).toBe("5");
    await user.keyboard("{ArrowRight}");
    expect(checked()).toEqual(["1"]);
    await user.keyboard("{ArrowLeft}{ArrowLeft}");
    expect(checked()).toEqual(["4"]);
    await user.keyboard("{Home}");
    expect(checked()).toEqual(["1"]);
    await user.keyboard("{End}");
    expect(checked()).toEqual(["5"]);
    expect(screen.getAllByRole("radio").map((r) => r.tabIndex)).toEqual([-1, -1, -1, -1, 0]);
  });

  it("is reached with Tab and picks with Space", async () => {
    const user = userEvent.setup();
    renderWithApi(<Rated />, { handlers: {} });
    await user.tab();
    expect(document.activeElement?.textContent).toBe("1");
    await user.keyboard("{ArrowDown}");
    expect(checked()).toEqual(["2"]);
    await user.keyboard("{ArrowUp}{ArrowUp}");
    expect(checked()).toEqual(["5"]);
    await user.keyboard("{ArrowLeft} ");
    expect(checked()).toEqual(["4"]);
  });

  it("shows a locked value without letting it change", async () => {
    const user = userEvent.setup();
    renderWithApi(<Rated initial={3} disabled />, { handlers: {} });
    expect(checked()).toEqual(["3"]);
    await user.click(screen.getByRole("radio", { name: "5" }));
    await user.keyboard("{ArrowRight}");
    expect(checked()).toEqual(["3"]);
    expect(screen.getAllByRole("radio").every((r) => r.getAttribute("aria-disabled") === "true")).toBe(true);
  });
});
