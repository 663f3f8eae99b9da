// What changed between two rule sets, pointer by pointer: between two versions, or between what is stored
// and what a person is about to save over it.
import "./strings";
import { Badge, Table } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { RouterOutputs } from "../../lib/trpc";

export type JsonChange = RouterOutputs["ruleSet"]["diff"]["changes"][number];

function short(value: unknown): string {
  if (value === undefined) return "";
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

export function DiffTable(props: { changes: JsonChange[]; before: string; after: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table data-testid={props.testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("rules.versions.pointer")}</Table.Th>
            <Table.Th>{t("rules.versions.change")}</Table.Th>
            <Table.Th>{props.before}</Table.Th>
            <Table.Th>{props.after}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.changes.map((c) => (
            <Table.Tr key={`${c.pointer}-${c.kind}`}>
              <Table.Td className="mono">{c.pointer}</Table.Td>
              <Table.Td>
                <Badge color={c.kind === "added" ? "teal" : c.kind === "removed" ? "red" : "blue"} variant="light">
                  {t(`rules.versions.kind.${c.kind}`)}
                </Badge>
              </Table.Td>
              <Table.Td className="mono" c="red.9">{short(c.before)}</Table.Td>
              <Table.Td className="mono" c="teal.9">{short(c.after)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
