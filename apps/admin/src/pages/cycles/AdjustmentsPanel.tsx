// Every predikat a person changed in the cycle (forum.adjustments): by the evaluation forum or by an
// upheld appeal, from what to what, why and by whom, newest last, each linked to the employee's result.
import { Anchor, Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { currentLanguage } from "../../i18n";
import { formatDateTime } from "../../lib/format";
import { useRegionId } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";

function EmployeeName(props: { employeeId: string }) {
  const trpc = useTRPC();
  const regionId = useRegionId();
  const employee = useQuery(trpc.employee.get.queryOptions({ regionId, id: props.employeeId }));
  return <>{employee.data?.nama ?? props.employeeId}</>;
}

export function AdjustmentsPanel(props: { cycleId: string; predikatLabel(id: string | null): string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const lang = currentLanguage();
  const adjustments = useQuery(trpc.forum.adjustments.queryOptions({ regionId, cycleId: props.cycleId }));
  if (adjustments.isPending) return <Loading rows={4} />;
  if (adjustments.error) return <ErrorState error={adjustments.error} onRetry={() => void adjustments.refetch()} />;
  if (adjustments.data.length === 0) return <EmptyState title={t("adjustments.none")}>{t("adjustments.noneHelp")}</EmptyState>;
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table striped data-testid="adjustments-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("adjustments.at")}</Table.Th>
            <Table.Th>{t("results.name")}</Table.Th>
            <Table.Th>{t("adjustments.kind")}</Table.Th>
            <Table.Th>{t("adjustments.change")}</Table.Th>
            <Table.Th>{t("adjustments.reason")}</Table.Th>
            <Table.Th>{t("adjustments.by")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {adjustments.data.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>{formatDateTime(a.at, lang)}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/cycles/${props.cycleId}/employees/${a.employeeId}`} size="sm">
                  <EmployeeName employeeId={a.employeeId} />
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={a.kind === "appeal" ? "teal.9" : "violet.9"} fw={600} style={{ whiteSpace: "nowrap" }}>
                  {t(`adjustments.kinds.${a.kind}`, { defaultValue: a.kind })}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {props.predikatLabel(a.from)} → <strong>{props.predikatLabel(a.to)}</strong>
                </Text>
              </Table.Td>
              <Table.Td maw={360}>
                <Text size="sm">{a.reason}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{a.actorName}</Text>
                <Text size="xs" c="dimmed">{a.by}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
