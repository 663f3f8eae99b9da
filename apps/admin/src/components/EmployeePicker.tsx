// Choosing employees of the region by typing a name or NIP: the server searches (employee.list), so the
// pickers work for regions of any size. The server keeps each role to what it may see (an assessor finds
// only their own reports). One employee (EmployeeSelect) or several (EmployeeMultiSelect).
import { useDebouncedValue } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useRegionId } from "../lib/session";
import { useTRPC, type RouterOutputs } from "../lib/trpc";
import { MultiSelect, Select } from "./LazySelect";

export type Employee = RouterOutputs["employee"]["list"]["items"][number];
type Key = "id" | "nip";

export function employeeLabel(e: Pick<Employee, "nama" | "nip">): string {
  return `${e.nama} · ${e.nip}`;
}

interface Search {
  /** Only employees of this unit (and the units below it). */
  unitId?: string | null;
  /** Employees never offered (the employee themselves, their superior …). */
  exclude?: (employee: Employee) => boolean;
}

function useCandidates(text: string, search: Search) {
  const trpc = useTRPC();
  const regionId = useRegionId();
  const [debounced] = useDebouncedValue(text.trim(), 250);
  const list = useQuery(
    trpc.employee.list.queryOptions({
      regionId,
      limit: 30,
      ...(debounced ? { search: debounced } : {}),
      ...(search.unitId ? { unitId: search.unitId } : {}),
    }),
  );
  const items = (list.data?.items ?? []).filter((e) => !search.exclude?.(e));
  return { items, loading: list.isFetching };
}

export function EmployeeSelect(
  props: Search & {
    label: string;
    description?: ReactNode;
    valueKey?: Key;
    value: string | null;
    /** A label for a value not (yet) among the search results. */
    valueLabel?: string;
    onChange(value: string | null, employee: Employee | null): void;
    required?: boolean;
    clearable?: boolean;
    error?: ReactNode;
    "data-testid"?: string;
  },
) {
  const { t } = useTranslation();
  const key = props.valueKey ?? "id";
  const [text, setText] = useState("");
  const [chosen, setChosen] = useState<Employee | null>(null);
  const chosenLabel = chosen ? employeeLabel(chosen) : (props.valueLabel ?? props.value ?? "");
  // Once an employee is chosen the field shows its label; searching for that label would find nothing.
  const { items } = useCandidates(text === chosenLabel ? "" : text, props);
  const options = items.map((e) => ({ value: e[key], label: employeeLabel(e) }));
  if (props.value && !options.some((o) => o.value === props.value)) options.unshift({ value: props.value, label: chosenLabel });
  return (
    <Select
      label={props.label}
      description={props.description}
      placeholder={t("picker.placeholder")}
      searchable
      clearable={props.clearable}
      required={props.required}
      error={props.error}
      searchValue={text}
      onSearchChange={setText}
      data={options}
      value={props.value}
      onChange={(value) => {
        const employee = items.find((e) => e[key] === value) ?? (value === props.value ? chosen : null);
        setChosen(employee);
        props.onChange(value, employee);
      }}
      nothingFoundMessage={t("common.nothingFound")}
      filter={({ options: all }) => all}
      data-testid={props["data-testid"]}
    />
  );
}

export function EmployeeMultiSelect(
  props: Search & {
    label: string;
    description?: ReactNode;
    valueKey?: Key;
    value: string[];
    /** Labels of values already chosen, which the current search may not return. */
    known?: ReadonlyMap<string, string>;
    onChange(value: string[]): void;
    maxValues?: number;
    error?: ReactNode;
    disabled?: boolean;
    "data-testid"?: string;
  },
) {
  const { t } = useTranslation();
  const key = props.valueKey ?? "id";
  const [text, setText] = useState("");
  const [labels, setLabels] = useState<Map<string, string>>(() => new Map(props.known ?? []));
  const { items } = useCandidates(text, props);
  const options = items.map((e) => ({ value: e[key], label: employeeLabel(e) }));
  for (const value of props.value) {
    if (!options.some((o) => o.value === value)) options.push({ value, label: labels.get(value) ?? props.known?.get(value) ?? value });
  }
  return (
    <MultiSelect
      label={props.label}
      description={props.description}
      placeholder={props.value.length === 0 ? t("picker.placeholder") : undefined}
      searchable
      searchValue={text}
      onSearchChange={setText}
      data={options}
      value={props.value}
      onChange={(value) => {
        const next = new Map(labels);
        for (const e of items) next.set(e[key], employeeLabel(e));
        setLabels(next);
        props.onChange(value);
      }}
      maxValues={props.maxValues}
      error={props.error}
      disabled={props.disabled}
      hidePickedOptions
      nothingFoundMessage={t("common.nothingFound")}
      filter={({ options: all }) => all}
      data-testid={props["data-testid"]}
    />
  );
}
