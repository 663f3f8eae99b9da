// Mantine's Select, MultiSelect and TagsInput as a module of their own, which LazySelect loads when a
// screen first draws one.
export { MultiSelect, Select, TagsInput } from "@mantine/core";
