// Importing the annual predikat of the years before Kinerja (CSV or XLSX of nip, tahun, predikat): the years a
// promotion rule reads where no finalised cycle of the region covers them. Nothing is written unless every row
// is good; a year imported again replaces the earlier one.
import { Alert, Anchor, Button, FileInput, Group, List, Stack, Text } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorState } from "../../components/States";
import { useRegionId } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { ImportErrors } from "./ImportErrors";
import { csvHref } from "./ImportPanel";

export const HISTORY_IMPORT_COLUMNS = ["nip", "tahun", "predikat"];

const TEMPLATE = csvHref([HISTORY_IMPORT_COLUMNS, ["198503122010011001", "2023", "baik"], ["198503122010011001", "2024", "sangat_baik"]]);

/** An XLSX file as base64, the form the API takes it in. */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function HistoryImportPanel() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const [file, setFile] = useState<File | null>(null);
  const importHistory = useMutation(trpc.employee.importHistory.mutationOptions());
  const result = importHistory.data;

  return (
    <Stack maw={900}>
      <Text size="sm">{t("organisation.history.intro")}</Text>
      <List size="sm" spacing={2}>
        <List.Item>{t("organisation.history.columns", { columns: HISTORY_IMPORT_COLUMNS.join(", ") })}</List.Item>
        <List.Item>{t("organisation.history.cycles")}</List.Item>
        <List.Item>{t("organisation.history.replace")}</List.Item>
        <List.Item>{t("organisation.import.allOrNothing")}</List.Item>
      </List>
      <Anchor href={TEMPLATE} download="templat-riwayat-predikat.csv" size="sm">
        {t("organisation.history.template")}
      </Anchor>
      <Group align="flex-end">
        <FileInput
          label={t("organisation.history.file")}
          placeholder={t("organisation.import.choose")}
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          value={file}
          onChange={(f) => {
            setFile(f);
            importHistory.reset();
          }}
          w={{ base: "100%", xs: 360 }}
          clearable
        />
        <Button
          disabled={!file}
          loading={importHistory.isPending}
          onClick={async () => {
            if (!file) return;
            const xlsx = /\.xlsx$/i.test(file.name);
            const content = xlsx ? await base64Of(file) : await file.text();
            await importHistory.mutateAsync({ regionId, format: xlsx ? "xlsx" : "csv", content }).catch(() => null);
          }}
        >
          {t("organisation.history.run")}
        </Button>
      </Group>
      {importHistory.error && <ErrorState error={importHistory.error} />}
      {result?.ok && (
        <Alert color="teal" title={t("organisation.import.done")} data-testid="history-import-ok">
          {t("organisation.history.counts", { rows: result.rows, imported: result.imported })}
        </Alert>
      )}
      {result && !result.ok && <ImportErrors testId="history-import-errors" rows={result.rows} errors={result.errors} />}
    </Stack>
  );
}
