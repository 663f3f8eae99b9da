// Mantine's Modal as a module of its own, which LazyModal loads when a screen first opens one.
export { Modal } from "@mantine/core";
