// The region's appraisal cycles, newest first, and creating one on a published rule set version.
import "./strings";
import { Badge, Button, Group, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { PERIOD_KINDS } from "@kinerja/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { currentLanguage } from "../../i18n";
import { STAGE_COLORS } from "../../lib/cycles";
import { errorMessage } from "../../lib/errors";
import { notifyError } from "../../lib/notify";
import { formatDateTime } from "../../lib/format";
import { hasRole, MANAGERS, useRegionId, useSession } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { flattenUnits } from "../../lib/units";
import { Select } from "../../components/LazySelect";
import { Modal } from "../../components/LazyModal";

const LABEL = /^\d{4}(-(S[12]|Q[1-4]|\d{2}))?$/;

export function CreateCycleForm(props: { onDone(id: string): void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const queryClient = useQueryClient();
  const versions = useQuery(trpc.ruleSet.list.queryOptions({ regionId }));
  const units = useQuery(trpc.unit.tree.queryOptions({ regionId }));
  const create = useMutation(trpc.cycle.create.mutationOptions());
  const published = (versions.data ?? []).filter((v) => v.status === "published");
  const year = new Date().getFullYear();
  const form = useForm({
    initialValues: { name: t("cycles.defaultName", { year }), periodKind: "annual", periodLabel: String(year), unitId: null as string | null, ruleSetVersionId: null as string | null },
    validate: {
      name: (v) => (v.trim() ? null : t("cycles.nameRequired")),
      periodLabel: (v) => (LABEL.test(v) ? null : t("cycles.labelInvalid")),
    },
  });
  if (versions.data && published.length === 0) {
    return <EmptyState title={t("cycles.noPublished")} action={<Button component={Link} to="/rules">{t("cycles.toRules")}</Button>}>{t("cycles.noPublishedHelp")}</EmptyState>;
  }
  return (
    <form
      onSubmit={form.onSubmit(async (values) => {
        try {
          const cycle = await create.mutateAsync({
            regionId,
            name: values.name,
            periodKind: values.periodKind as (typeof PERIOD_KINDS)[number],
            periodLabel: values.periodLabel,
            unitId: values.unitId,
            ...(values.ruleSetVersionId ? { ruleSetVersionId: values.ruleSetVersionId } : {}),
          });
          await queryClient.invalidateQueries({ queryKey: trpc.cycle.list.queryKey({ regionId }) });
          notifications.show({ color: "teal", message: t("cycles.created", { name: cycle.name }) });
          props.onDone(cycle.id);
        } catch (error) {
          notifyError({ message: errorMessage(error, t) });
        }
      })}
    >
      <Stack>
        <TextInput label={t("cycles.name")} required {...form.getInputProps("name")} />
        <Group grow>
          <Select
            label={t("cycles.periodKind")}
            data={PERIOD_KINDS.map((k) => ({ value: k, label: t(`cycle.kind.${k}`) }))}
            allowDeselect={false}
            {...form.getInputProps("periodKind")}
          />
          <TextInput label={t("cycles.periodLabel")} description={t("cycles.periodLabelHelp")} required {...form.getInputProps("periodLabel")} />
        </Group>
        <Select
          label={t("cycles.ruleSet")}
          placeholder={published[0] ? t("cycles.newestPublished", { version: published[0].version }) : undefined}
          data={published.map((v) => ({ value: v.id, label: `v${v.version} · ${v.name}` }))}
          clearable
          {...form.getInputProps("ruleSetVersionId")}
        />
        <Select
          label={t("cycles.scope")}
          placeholder={t("cycles.wholeRegion")}
          data={flattenUnits(units.data ?? []).map((u) => ({ value: u.id, label: `${"— ".repeat(u.depth)}${u.name}` }))}
          clearable
          searchable
          {...form.getInputProps("unitId")}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={create.isPending}>
            {t("cycles.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export default function CyclesPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const { user } = useSession();
  const navigate = useNavigate();
  const lang = currentLanguage();
  const cycles = useQuery(trpc.cycle.list.queryOptions({ regionId }));
  const [creating, setCreating] = useState(false);
  const manager = hasRole(user, ...MANAGERS);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{manager ? t("cycles.title") : t("nav.teamResults")}</Title>
        {manager && <Button onClick={() => setCreating(true)}>{t("cycles.new")}</Button>}
      </Group>
      {cycles.isPending && <Loading rows={5} />}
      {cycles.error && <ErrorState error={cycles.error} onRetry={() => void cycles.refetch()} />}
      {cycles.data?.length === 0 && <EmptyState title={t("cycles.none")}>{t("cycles.noneHelp")}</EmptyState>}
      {cycles.data && cycles.data.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover data-testid="cycle-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("cycles.name")}</Table.Th>
                <Table.Th>{t("cycles.period")}</Table.Th>
                <Table.Th>{t("cycles.status")}</Table.Th>
                <Table.Th>{t("cycles.updated")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {cycles.data.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Link to={`/cycles/${c.id}`}>{c.name}</Link>
                  </Table.Td>
                  <Table.Td>
                    {c.periodLabel} <Text span size="xs" c="dimmed">({t(`cycle.kind.${c.periodKind}`)})</Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={STAGE_COLORS[c.status]}>{t(`cycle.status.${c.status}`)}</Badge>
                  </Table.Td>
                  <Table.Td>{formatDateTime(c.updatedAt, lang)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal opened={creating} onClose={() => setCreating(false)} title={t("cycles.new")} size="lg">
        {creating && (
          <CreateCycleForm
            onDone={(id) => {
              setCreating(false);
              void navigate(`/cycles/${id}`);
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}
