// One page of a cycle's results as a virtualised table: only the rows in view are in the document. A click
// (or Enter) on a column asks for that order, which the server applies across every page; a row opens with a
// click or Enter.
import { Badge, Box, Text, UnstyledButton } from "@mantine/core";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useRef, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "../i18n";
import { formatScore } from "../lib/format";
import { LeftBadge } from "./LeftBadge";
import type { RouterOutputs } from "../lib/trpc";

/** One row of `result.list`, as the API gives it. */
export type ResultRow = RouterOutputs["result"]["list"]["items"][number];

export type SortKey = "nip" | "nama" | "unit" | "score" | "predikat";
export interface Sort {
  key: SortKey;
  direction: "asc" | "desc";
}

const ROW_HEIGHT = 44;
const MIN_WIDTH = 820;
const COLUMNS = "minmax(150px, 1.2fr) minmax(160px, 1.6fr) minmax(140px, 1.4fr) 90px minmax(130px, 1fr) minmax(140px, 1.4fr)";

export function ResultsTable(props: {
  /** The rows in the order the server gave them. */
  rows: ResultRow[];
  sort: Sort;
  onSort(sort: Sort): void;
  /** Rows before this page, for the rows' positions read out by screen readers. */
  rowOffset?: number;
  /** Every matching row, when known: the table's row count for screen readers. */
  total?: number;
  unitName(id: string): string;
  onOpen(row: ResultRow): void;
  height?: number | string;
  /** A caption for screen readers. */
  label: string;
}) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const { unitName, sort, rows: sorted } = props;
  const offset = props.rowOffset ?? 0;
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: sorted.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialRect: { width: 1000, height: 600 },
  });

  const header = (key: SortKey, label: string, align: "left" | "right" = "left") => {
    const active = sort.key === key;
    return (
      <div role="columnheader" className="vt-cell" aria-sort={active ? (sort.direction === "asc" ? "ascending" : "descending") : "none"} style={{ textAlign: align }}>
        <UnstyledButton
          onClick={() => props.onSort(active ? { key, direction: sort.direction === "asc" ? "desc" : "asc" } : { key, direction: key === "score" ? "desc" : "asc" })}
          fw={600}
          fz="sm"
        >
          {label} {active ? (sort.direction === "asc" ? "▲" : "▼") : ""}
        </UnstyledButton>
      </div>
    );
  };

  const onKey = (event: KeyboardEvent<HTMLDivElement>, row: ResultRow, index: number) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      props.onOpen(row);
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const next = Math.max(0, Math.min(sorted.length - 1, index + (event.key === "ArrowDown" ? 1 : -1)));
      virtualizer.scrollToIndex(next);
      requestAnimationFrame(() => scroller.current?.querySelector<HTMLElement>(`[data-index="${next}"]`)?.focus());
    }
  };

  return (
    <Box style={{ border: "1px solid var(--mantine-color-gray-3)", borderRadius: 8, overflowX: "auto", overflowY: "hidden" }}>
    <Box role="table" aria-label={props.label} aria-rowcount={(props.total ?? offset + sorted.length) + 1} miw={MIN_WIDTH}>
      <div role="rowgroup">
        <div role="row" className="vt-head" style={{ gridTemplateColumns: COLUMNS, height: ROW_HEIGHT }} aria-rowindex={1}>
          {header("nip", "NIP")}
          {header("nama", t("results.name"))}
          {header("unit", t("results.unit"))}
          {header("score", t("results.score"), "right")}
          {header("predikat", t("results.predikat"))}
          <div role="columnheader" className="vt-cell">
            <Text fw={600} size="sm">
              {t("results.outcomes")}
            </Text>
          </div>
        </div>
      </div>
      <div ref={scroller} style={{ height: props.height ?? "60vh", overflow: "auto", contain: "strict" }} data-testid="results-scroller">
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = sorted[item.index] as ResultRow;
            return (
              <div
                key={row.employeeId}
                role="row"
                tabIndex={0}
                className="vt-row"
                data-index={item.index}
                aria-rowindex={offset + item.index + 2}
                onClick={() => props.onOpen(row)}
                onKeyDown={(e) => onKey(e, row, item.index)}
                style={{ gridTemplateColumns: COLUMNS, height: ROW_HEIGHT, position: "absolute", top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}
              >
                <div role="cell" className="vt-cell mono">{row.nip}</div>
                <div role="cell" className="vt-cell" style={{ display: "flex", gap: 6, alignItems: "center" }}>
                  <Text size="sm" truncate>{row.nama}</Text>
                  <LeftBadge at={row.left?.at} reason={row.left?.reason ?? null} />
                </div>
                <div role="cell" className="vt-cell">
                  <Text size="sm" truncate>{unitName(row.unitId)}</Text>
                </div>
                <div role="cell" className="vt-cell tabular" style={{ textAlign: "right" }}>
                  {formatScore(row.score, lang)}
                </div>
                <div role="cell" className="vt-cell">
                  {row.error ? <Badge color="red" variant="light">{t("results.refused")}</Badge> : <Text size="sm">{row.predikatLabel ?? "–"}</Text>}
                </div>
                <div role="cell" className="vt-cell">
                  <Text size="xs" truncate>{row.outcomes.map((o) => t(`outcomes.${o}`, { defaultValue: o })).join(", ")}</Text>
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </Box>
    </Box>
  );
}
