// Decision tables: rows of conditions and what each gives.
import { Button, Card, Group, Stack, Table, TextInput } from "@mantine/core";
import { type DecisionTable, type RuleFile } from "@kinerja/core";
import { useTranslation } from "react-i18next";
import { JsonField } from "../JsonField";
import { RemoveButton, type Update } from "./shared";
import { Select, TagsInput } from "../../../components/LazySelect";

function thenValue(text: string, previous: DecisionTable["rows"][number]["then"]): DecisionTable["rows"][number]["then"] {
  if (typeof previous === "number" && text.trim() !== "" && !Number.isNaN(Number(text))) return Number(text);
  if (typeof previous === "boolean") return text === "true";
  return text;
}

export function Decisions(props: { file: RuleFile; update: Update }) {
  const { t } = useTranslation();
  const { update } = props;
  const tables = props.file.decisions ?? [];
  return (
    <Stack>
      {tables.map((table, ti) => {
        const change = (fn: (x: DecisionTable) => void) => update((d) => { const x = d.decisions?.[ti]; if (x) fn(x); });
        return (
          <Card key={`${table.id}-${ti}`} withBorder padding="md">
            <Stack gap="sm">
              <Group align="flex-end">
                <TextInput label={t("rules.form.tableName")} value={table.name ?? ""} onChange={(e) => { const v = e.currentTarget.value; change((x) => { x.name = v; }); }} w={260} />
                <TextInput label={t("rules.form.tableOutput")} value={table.output} onChange={(e) => { const v = e.currentTarget.value; change((x) => { x.output = v; }); }} w={200} classNames={{ input: "mono" }} />
                <Select
                  label={t("rules.form.hitPolicy")}
                  data={["first", "unique", "collect"].map((h) => ({ value: h, label: t(`rules.form.hit.${h}`) }))}
                  value={table.hitPolicy}
                  allowDeselect={false}
                  onChange={(v) => v && change((x) => { x.hitPolicy = v as DecisionTable["hitPolicy"]; })}
                  w={220}
                />
              </Group>
              <TagsInput label={t("rules.form.tableInputs")} value={table.inputs} onChange={(v) => change((x) => { x.inputs = v; })} classNames={{ input: "mono" }} />
              <Table.ScrollContainer minWidth={600}>
                <Table withTableBorder withColumnBorders verticalSpacing={4}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w={40}>#</Table.Th>
                      {table.inputs.map((input) => (
                        <Table.Th key={input} className="mono">{input}</Table.Th>
                      ))}
                      <Table.Th>{t("rules.form.then")}</Table.Th>
                      <Table.Th>{t("rules.form.note")}</Table.Th>
                      <Table.Th w={40} />
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {table.rows.map((row, ri) => (
                      <Table.Tr key={ri}>
                        <Table.Td>{ri + 1}</Table.Td>
                        {table.inputs.map((input, ci) => (
                          <Table.Td key={input} miw={160}>
                            <JsonField
                              label={t("rules.form.cell", { row: ri + 1, input })}
                              value={row.when[ci] ?? {}}
                              minRows={1}
                              onChange={(v) => change((x) => { const r = x.rows[ri]; if (r) r.when[ci] = v as Record<string, unknown>; })}
                            />
                          </Table.Td>
                        ))}
                        <Table.Td miw={130}>
                          <TextInput
                            aria-label={t("rules.form.thenOf", { row: ri + 1 })}
                            value={row.then === null ? "" : String(row.then)}
                            onChange={(e) => { const v = e.currentTarget.value; change((x) => { const r = x.rows[ri]; if (r) r.then = thenValue(v, r.then); }); }}
                          />
                        </Table.Td>
                        <Table.Td miw={160}>
                          <TextInput
                            aria-label={t("rules.form.noteOf", { row: ri + 1 })}
                            value={row.note ?? ""}
                            onChange={(e) => { const v = e.currentTarget.value; change((x) => { const r = x.rows[ri]; if (r) { if (v) r.note = v; else delete r.note; } }); }}
                          />
                        </Table.Td>
                        <Table.Td>
                          <RemoveButton label={t("rules.form.removeRow", { row: ri + 1 })} onClick={() => change((x) => { x.rows.splice(ri, 1); })} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <Group>
                <Button
                  variant="light"
                  size="xs"
                  onClick={() => change((x) => { x.rows.push({ when: x.inputs.map(() => ({})), then: typeof x.rows[0]?.then === "number" ? 0 : "" }); })}
                >
                  {t("rules.form.addRow")}
                </Button>
              </Group>
            </Stack>
          </Card>
        );
      })}
    </Stack>
  );
}
