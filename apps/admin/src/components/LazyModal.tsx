// The portal's Modal for a dialog a screen opens on a button: Mantine's, loaded when it is first opened.
// Its focus trap, scroll lock and scroll area would otherwise come with the screen's first download; a
// dialog no one opens costs nothing, and one opened once keeps its closing transition.
import type { ModalProps } from "@mantine/core";
import { lazy, Suspense, useState } from "react";

const Loaded = lazy(() => import("./ModalLoaded").then((module) => ({ default: module.Modal })));

export function Modal(props: ModalProps) {
  const [wanted, setWanted] = useState(props.opened);
  if (props.opened && !wanted) setWanted(true);
  if (!wanted) return null;
  return (
    <Suspense fallback={null}>
      <Loaded {...props} />
    </Suspense>
  );
}
