// The region's employees: search by name, NIP or jabatan, filter by unit, show or hide those who left the
// region (marked "Keluar"), page through, and assign each one's assessor (pejabat penilai: the direct
// superior, by NIP).
import { Button, Group, Stack, Table, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EmployeeSelect } from "../../components/EmployeePicker";
import { LeftBadge } from "../../components/LeftBadge";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { errorMessage } from "../../lib/errors";
import { notifyError } from "../../lib/notify";
import { useRegionId } from "../../lib/session";
import { useTRPC, type RouterOutputs } from "../../lib/trpc";
import { flattenUnits, type UnitNode } from "../../lib/units";
import { Select } from "../../components/LazySelect";
import { Modal } from "../../components/LazyModal";

type Employee = RouterOutputs["employee"]["list"]["items"][number];

function AssessorForm(props: { employee: Employee; onDone(): void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const queryClient = useQueryClient();
  const [atasan, setAtasan] = useState<string | null>(props.employee.atasanNip);
  const update = useMutation(trpc.employee.update.mutationOptions());
  return (
    <Stack>
      <Text size="sm">
        {t("organisation.assessorFor", { name: props.employee.nama, nip: props.employee.nip })}
      </Text>
      <EmployeeSelect
        label={t("organisation.assessor")}
        description={t("organisation.assessorHelp")}
        valueKey="nip"
        clearable
        value={atasan}
        onChange={setAtasan}
        exclude={(e) => e.id === props.employee.id}
      />
      <Group justify="flex-end">
        <Button
          loading={update.isPending}
          onClick={async () => {
            try {
              await update.mutateAsync({ regionId, id: props.employee.id, patch: { atasanNip: atasan } });
              await queryClient.invalidateQueries({ queryKey: trpc.employee.list.pathKey() });
              notifications.show({ color: "teal", message: t("organisation.assessorSaved") });
              props.onDone();
            } catch (error) {
              notifyError({ message: errorMessage(error, t) });
            }
          }}
        >
          {t("common.save")}
        </Button>
      </Group>
    </Stack>
  );
}

export function EmployeesPanel(props: { units: UnitNode[]; unitId: string | null; onUnitChange(unitId: string | null): void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [assigning, setAssigning] = useState<Employee | null>(null);
  const [leavers, setLeavers] = useState<"all" | "hide" | "only">("all");
  const unitNames = new Map(flattenUnits(props.units).map((u) => [u.id, u.name]));
  const list = useInfiniteQuery(
    trpc.employee.list.infiniteQueryOptions(
      { regionId, limit: 50, ...(debounced ? { search: debounced } : {}), ...(props.unitId ? { unitId: props.unitId } : {}), ...(leavers === "all" ? {} : { left: leavers === "only" }) },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack>
      <Group align="flex-end">
        <TextInput
          label={t("organisation.search")}
          placeholder={t("organisation.searchPlaceholder")}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={320}
          type="search"
        />
        <Select
          label={t("organisation.unitFilter")}
          placeholder={t("organisation.allUnits")}
          clearable
          searchable
          data={flattenUnits(props.units).map((u) => ({ value: u.id, label: `${"— ".repeat(u.depth)}${u.name}` }))}
          value={props.unitId}
          onChange={props.onUnitChange}
          w={320}
        />
        <Select
          label={t("left.filter")}
          data={[
            { value: "all", label: t("left.filterAll") },
            { value: "hide", label: t("left.filterHide") },
            { value: "only", label: t("left.filterOnly") },
          ]}
          value={leavers}
          onChange={(v) => setLeavers((v as typeof leavers | null) ?? "all")}
          allowDeselect={false}
          w={200}
          data-testid="left-filter"
        />
      </Group>
      {list.isPending && <Loading rows={8} />}
      {list.error && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && rows.length === 0 && <EmptyState title={t("organisation.noEmployees")}>{t("organisation.noEmployeesHelp")}</EmptyState>}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover data-testid="employee-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>NIP</Table.Th>
                <Table.Th>{t("results.name")}</Table.Th>
                <Table.Th>{t("results.jabatan")}</Table.Th>
                <Table.Th>{t("results.unit")}</Table.Th>
                <Table.Th>{t("organisation.assessor")}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td className="mono">{e.nip}</Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <span>{e.nama}</span>
                      <LeftBadge at={e.leftAt} reason={e.leftReason} />
                    </Group>
                  </Table.Td>
                  <Table.Td>{e.jabatan}</Table.Td>
                  <Table.Td>{unitNames.get(e.unitId) ?? e.unitId}</Table.Td>
                  <Table.Td className="mono">{e.atasanNip ?? "–"}</Table.Td>
                  <Table.Td>
                    <Button size="compact-xs" variant="light" onClick={() => setAssigning(e)} aria-label={t("organisation.assignFor", { name: e.nama })}>
                      {t("organisation.assign")}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.hasNextPage && (
        <Group justify="center">
          <Button variant="default" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            {t("common.loadMore")}
          </Button>
        </Group>
      )}
      <Modal opened={assigning !== null} onClose={() => setAssigning(null)} title={t("organisation.assignTitle")}>
        {assigning && <AssessorForm employee={assigning} onDone={() => setAssigning(null)} />}
      </Modal>
    </Stack>
  );
}
