// Importing employees (CSV or XLSX) or units (CSV) from a sheet: nothing is written unless every row is
// good; otherwise every bad cell is listed by row and column with what was expected.
import { Alert, Anchor, Button, FileInput, Group, List, Stack, Table, Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorState } from "../../components/States";
import { useRegionId } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";

export const IMPORT_COLUMNS = ["nip", "nama", "jabatan", "jenis_jabatan", "jenjang", "golongan", "status", "unit", "atasan_nip"];

export const UNIT_IMPORT_COLUMNS = ["kode", "nama", "induk", "jenis"];

function csvHref(rows: string[][]): string {
  const csv = rows.map((row) => `${row.join(",")}\r\n`).join("");
  return `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${csv}`)}`;
}

const TEMPLATES = {
  employees: csvHref([IMPORT_COLUMNS, ["198503122010011001", "Siti Rahma", "Analis Kepegawaian", "fungsional", "Ahli Pertama", "III/b", "PNS", "bkpsdm", ""]]),
  units: csvHref([UNIT_IMPORT_COLUMNS, ["setda", "Sekretariat Daerah", "", "sekretariat"], ["bkpsdm", "Badan Kepegawaian dan Pengembangan SDM", "setda", "badan"]]),
};

async function readFile(file: File): Promise<{ format: "csv" | "xlsx"; content: string }> {
  if (/\.xlsx$/i.test(file.name)) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = "";
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { format: "xlsx", content: btoa(binary) };
  }
  return { format: "csv", content: await file.text() };
}

/** Employees (CSV or XLSX) by default; units (CSV) with `kind="units"`. */
export function ImportPanel(props: { kind?: "employees" | "units"; onImported?(): void }) {
  const kind = props.kind ?? "employees";
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const importEmployees = useMutation(trpc.employee.import.mutationOptions());
  const importUnits = useMutation(trpc.unit.import.mutationOptions());
  const importSheet = kind === "units" ? importUnits : importEmployees;
  const result = importSheet.data;

  return (
    <Stack maw={900}>
      {kind === "units" ? (
        <>
          <Text size="sm">{t("organisation.import.unitsIntro")}</Text>
          <List size="sm" spacing={2}>
            <List.Item>{t("organisation.import.unitColumns", { columns: UNIT_IMPORT_COLUMNS.join(", ") })}</List.Item>
            <List.Item>{t("organisation.import.allOrNothing")}</List.Item>
          </List>
        </>
      ) : (
        <>
          <Text size="sm">{t("organisation.import.intro")}</Text>
          <List size="sm" spacing={2}>
            <List.Item>{t("organisation.import.columns", { columns: IMPORT_COLUMNS.join(", ") })}</List.Item>
            <List.Item>{t("organisation.import.attributes")}</List.Item>
            <List.Item>{t("organisation.import.email")}</List.Item>
            <List.Item>{t("organisation.import.nipText")}</List.Item>
            <List.Item>{t("organisation.import.allOrNothing")}</List.Item>
          </List>
        </>
      )}
      <Anchor href={TEMPLATES[kind]} download={kind === "units" ? "templat-unit.csv" : "templat-pegawai.csv"} size="sm">
        {t(kind === "units" ? "organisation.import.unitTemplate" : "organisation.import.template")}
      </Anchor>
      <Group align="flex-end">
        <FileInput
          label={t(kind === "units" ? "organisation.import.unitFile" : "organisation.import.file")}
          placeholder={t("organisation.import.choose")}
          accept={kind === "units" ? ".csv,text/csv" : ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
          value={file}
          onChange={(f) => {
            setFile(f);
            importSheet.reset();
          }}
          w={{ base: "100%", xs: 360 }}
          clearable
        />
        <Button
          disabled={!file}
          loading={importSheet.isPending}
          onClick={async () => {
            if (!file) return;
            const outcome =
              kind === "units"
                ? await importUnits.mutateAsync({ regionId, content: await file.text() }).catch(() => null)
                : await importEmployees.mutateAsync({ regionId, ...(await readFile(file)) }).catch(() => null);
            if (outcome?.ok) {
              await Promise.all([
                queryClient.invalidateQueries({ queryKey: trpc.employee.list.pathKey() }),
                queryClient.invalidateQueries({ queryKey: trpc.unit.tree.queryKey({ regionId }) }),
                queryClient.invalidateQueries({ queryKey: trpc.region.list.queryKey() }),
                queryClient.invalidateQueries({ queryKey: trpc.region.guidedStart.queryKey({ regionId }) }),
              ]);
              props.onImported?.();
            }
          }}
        >
          {t("organisation.import.run")}
        </Button>
      </Group>
      {importSheet.error && <ErrorState error={importSheet.error} />}
      {result?.ok && (
        <Alert color="teal" title={t("organisation.import.done")} data-testid={kind === "units" ? "unit-import-ok" : "import-ok"}>
          {t(kind === "units" ? "organisation.import.unitCounts" : "organisation.import.counts", { rows: result.rows, created: result.created, updated: result.updated })}
        </Alert>
      )}
      {result && !result.ok && (
        <Stack data-testid={kind === "units" ? "unit-import-errors" : "import-errors"}>
          <Alert color="red" title={t("organisation.import.refused", { count: result.errors.length })}>
            {t("organisation.import.refusedHelp", { rows: result.rows })}
          </Alert>
          <Table.ScrollContainer minWidth={700}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("organisation.import.row")}</Table.Th>
                  <Table.Th>{t("organisation.import.column")}</Table.Th>
                  <Table.Th>{t("organisation.import.value")}</Table.Th>
                  <Table.Th>{t("organisation.import.problem")}</Table.Th>
                  <Table.Th>{t("organisation.import.expected")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.errors.map((e, i) => (
                  <Table.Tr key={i}>
                    <Table.Td>{e.row}</Table.Td>
                    <Table.Td className="mono">{e.column}</Table.Td>
                    <Table.Td className="mono">{e.value}</Table.Td>
                    <Table.Td>{e.message}</Table.Td>
                    <Table.Td>{e.expected}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      )}
    </Stack>
  );
}
