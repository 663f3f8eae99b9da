// The append-only audit log: who changed what and when, with the record before and after, filtered by
// action, kind of record and date.
import { Badge, Button, Code, Group, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Fragment, useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState, ErrorState, Loading } from "../components/States";
import { currentLanguage } from "../i18n";
import { formatDateTime } from "../lib/format";
import { useRegionId } from "../lib/session";
import { useTRPC } from "../lib/trpc";
import { Select } from "../components/LazySelect";

export const AUDIT_ACTIONS = [
  "ruleSet.saveDraft",
  "ruleSet.publish",
  "cycle.create",
  "cycle.open",
  "cycle.setUnits",
  "cycle.run",
  "cycle.evaluated",
  "cycle.setUnitPredikat",
  "cycle.finalise",
  "unit.create",
  "unit.update",
  "employee.update",
  "employee.import",
  "account.create",
  "account.disable",
  "account.enable",
  "account.setTemporaryPassword",
  "account.endSessions",
  "account.changePassword",
  "account.endOwnSession",
  "region.create",
  "plan.create",
  "plan.save",
  "plan.link",
  "plan.submit",
  "plan.approve",
  "plan.requestRevision",
  "plan.reject",
  "workEntry.create",
  "workEntry.update",
  "workEntry.confirm",
  "workEntry.return",
  "evidence.upload",
  "evidence.remove",
  "assessment.save",
  "assessment.submit",
  "assessment.reopen",
  "assessment.setPeers",
  "assessment.setDeadline",
  "forum.adjust",
  "forum.record",
  "dialogue.record",
  "dialogue.rate",
  "appeal.submit",
  "appeal.reject",
  "appeal.uphold",
];
const ENTITIES = ["ruleSetVersion", "cycle", "employee", "unit", "assessment", "region", "user", "plan", "workEntry", "appeal", "dialogue"];

function dayStart(date: string): string | undefined {
  return date ? new Date(`${date}T00:00:00`).toISOString() : undefined;
}
function dayEnd(date: string): string | undefined {
  return date ? new Date(`${date}T23:59:59.999`).toISOString() : undefined;
}

function Json(props: { value: unknown }) {
  if (props.value === null || props.value === undefined) return <Text size="xs" c="dimmed">–</Text>;
  return (
    <Code block style={{ maxHeight: 220, overflow: "auto", fontSize: 11 }}>
      {JSON.stringify(props.value, null, 2)}
    </Code>
  );
}

export default function AuditPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const lang = currentLanguage();
  const [action, setAction] = useState<string | null>(null);
  const [entity, setEntity] = useState<string | null>(null);
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [open, setOpen] = useState<string | null>(null);
  const fromIso = dayStart(from);
  const toIso = dayEnd(to);
  const log = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions(
      {
        regionId,
        limit: 50,
        ...(action ? { action } : {}),
        ...(entity ? { entity } : {}),
        ...(fromIso ? { from: fromIso } : {}),
        ...(toIso ? { to: toIso } : {}),
      },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const rows = log.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack>
      <Title order={2}>{t("audit.title")}</Title>
      <Group align="flex-end">
        <Select
          label={t("audit.action")}
          placeholder={t("results.all")}
          data={AUDIT_ACTIONS.map((a) => ({ value: a, label: t(`audit.actions.${a}`, { defaultValue: a }) }))}
          value={action}
          onChange={setAction}
          clearable
          searchable
          w={260}
        />
        <Select
          label={t("audit.entity")}
          placeholder={t("results.all")}
          data={ENTITIES.map((e) => ({ value: e, label: t(`audit.entities.${e}`) }))}
          value={entity}
          onChange={setEntity}
          clearable
          w={200}
        />
        <TextInput type="date" label={t("audit.from")} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput type="date" label={t("audit.to")} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
      </Group>
      {log.isPending && <Loading rows={8} />}
      {log.error && <ErrorState error={log.error} onRetry={() => void log.refetch()} />}
      {log.data && rows.length === 0 && <EmptyState title={t("audit.none")}>{t("audit.noneHelp")}</EmptyState>}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped data-testid="audit-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("audit.when")}</Table.Th>
                <Table.Th>{t("audit.who")}</Table.Th>
                <Table.Th>{t("audit.action")}</Table.Th>
                <Table.Th>{t("audit.record")}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Fragment key={row.id}>
                  <Table.Tr>
                    <Table.Td>{formatDateTime(row.at, lang)}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{row.actor.name}</Text>
                      <Text size="xs" c="dimmed">{t(`roles.${row.actor.role}`, { defaultValue: row.actor.role })}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light">{t(`audit.actions.${row.action}`, { defaultValue: row.action })}</Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{t(`audit.entities.${row.entity}`, { defaultValue: row.entity })}</Text>
                      <Text size="xs" c="dimmed" className="mono">{row.entityId}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Button size="compact-xs" variant="subtle" aria-expanded={open === row.id} onClick={() => setOpen(open === row.id ? null : row.id)}>
                        {open === row.id ? t("audit.hide") : t("audit.details")}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                  {open === row.id && (
                    <Table.Tr>
                      <Table.Td colSpan={5}>
                        <Group grow align="flex-start">
                          <div>
                            <Text size="xs" fw={600}>{t("audit.before")}</Text>
                            <Json value={row.before} />
                          </div>
                          <div>
                            <Text size="xs" fw={600}>{t("audit.after")}</Text>
                            <Json value={row.after} />
                          </div>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {log.hasNextPage && (
        <Group justify="center">
          <Button variant="default" loading={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
            {t("common.loadMore")}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
