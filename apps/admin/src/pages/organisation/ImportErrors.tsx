// Why a sheet was refused: every bad cell by row and column, with what was expected. Nothing of the sheet
// was written.
import { Alert, Stack, Table } from "@mantine/core";
import { useTranslation } from "react-i18next";

export interface ImportError {
  row: number;
  column: string;
  value: string;
  message: string;
  expected: string;
}

export function ImportErrors(props: { testId: string; rows: number; errors: ImportError[] }) {
  const { t } = useTranslation();
  return (
    <Stack data-testid={props.testId}>
      <Alert color="red" title={t("organisation.import.refused", { count: props.errors.length })}>
        {t("organisation.import.refusedHelp", { rows: props.rows })}
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
            {props.errors.map((e, i) => (
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
  );
}
