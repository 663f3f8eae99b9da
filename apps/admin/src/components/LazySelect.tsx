// The portal's Select, MultiSelect and TagsInput: Mantine's, loaded when a screen first draws one. Its dropdown (Combobox, Popover,
// floating-ui, ScrollArea) would otherwise be a sixth of every screen's first download; until it arrives,
// a disabled field of the same size shows the chosen option.
import { TextInput, type MultiSelectProps, type SelectProps, type TagsInputProps } from "@mantine/core";
import { lazy, Suspense } from "react";

const Loaded = lazy(() => import("./SelectLoaded").then((module) => ({ default: module.Select })));
const LoadedMulti = lazy(() => import("./SelectLoaded").then((module) => ({ default: module.MultiSelect })));
const LoadedTags = lazy(() => import("./SelectLoaded").then((module) => ({ default: module.TagsInput })));

function optionLabel(data: SelectProps["data"], value: string | null | undefined): string {
  if (value === null || value === undefined) return "";
  for (const item of data ?? []) {
    if (typeof item === "string") {
      if (item === value) return item;
    } else if ("group" in item) {
      const found = optionLabel(item.items as SelectProps["data"], value);
      if (found) return found;
    } else if (item.value === value) {
      return "label" in item && typeof item.label === "string" ? item.label : value;
    }
  }
  return "";
}

function Placeholder(props: SelectProps | MultiSelectProps | TagsInputProps, value: string) {
  return (
    <TextInput
      label={props.label}
      description={props.description}
      aria-label={props["aria-label"]}
      placeholder={props.placeholder}
      value={value}
      size={props.size}
      w={props.w}
      maw={props.maw}
      miw={props.miw}
      style={props.style}
      className={props.className}
      withAsterisk={props.withAsterisk ?? props.required}
      disabled
      readOnly
    />
  );
}

export function Select(props: SelectProps) {
  return (
    <Suspense fallback={Placeholder(props, optionLabel(props.data, props.value ?? props.defaultValue))}>
      <Loaded {...(props as Parameters<typeof Loaded>[0])} />
    </Suspense>
  );
}

export function MultiSelect(props: MultiSelectProps) {
  const chosen = (props.value ?? props.defaultValue ?? []).map((value) => optionLabel(props.data, value) || value);
  return (
    <Suspense fallback={Placeholder(props, chosen.join(", "))}>
      <LoadedMulti {...(props as Parameters<typeof LoadedMulti>[0])} />
    </Suspense>
  );
}

export function TagsInput(props: TagsInputProps) {
  return (
    <Suspense fallback={Placeholder(props, (props.value ?? props.defaultValue ?? []).join(", "))}>
      <LoadedTags {...props} />
    </Suspense>
  );
}
