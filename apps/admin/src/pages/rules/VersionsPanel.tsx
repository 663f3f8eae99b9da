// Every version of the region's rules (drafts and published), opening one in the editor, and what
// changed between two of them, pointer by pointer.
import { Badge, Button, Card, Group, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { currentLanguage } from "../../i18n";
import { formatDateTime } from "../../lib/format";
import { useRegionId } from "../../lib/session";
import { useTRPC, type RouterOutputs } from "../../lib/trpc";
import { DiffTable } from "./DiffTable";
import { Select } from "../../components/LazySelect";

type Version = RouterOutputs["ruleSet"]["list"][number];

export function VersionsPanel(props: { versions: Version[]; openId: string | null; onOpen(id: string): void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const lang = currentLanguage();
  const [fromId, setFromId] = useState<string | null>(props.versions[1]?.id ?? null);
  const [toId, setToId] = useState<string | null>(props.versions[0]?.id ?? null);
  const diff = useQuery({
    ...trpc.ruleSet.diff.queryOptions({ regionId, fromId: fromId ?? "", toId: toId ?? "" }),
    enabled: Boolean(fromId && toId && fromId !== toId),
  });
  const options = props.versions.map((v) => ({ value: v.id, label: `v${v.version} · ${t(`rules.status.${v.status}`)}` }));

  return (
    <Stack>
      <Table.ScrollContainer minWidth={700}>
        <Table striped highlightOnHover data-testid="version-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("rules.versions.version")}</Table.Th>
              <Table.Th>{t("rules.versions.name")}</Table.Th>
              <Table.Th>{t("rules.versions.status")}</Table.Th>
              <Table.Th>{t("rules.versions.author")}</Table.Th>
              <Table.Th>{t("rules.versions.updated")}</Table.Th>
              <Table.Th>{t("rules.versions.hash")}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {props.versions.map((v) => (
              <Table.Tr key={v.id}>
                <Table.Td fw={600}>v{v.version}</Table.Td>
                <Table.Td>{v.name}</Table.Td>
                <Table.Td>
                  <Badge color={v.status === "published" ? "teal" : "gray"}>{t(`rules.status.${v.status}`)}</Badge>
                </Table.Td>
                <Table.Td>{v.authorName}</Table.Td>
                <Table.Td>{formatDateTime(v.publishedAt ?? v.updatedAt, lang)}</Table.Td>
                <Table.Td className="mono">{v.contentHash.slice(0, 10)}</Table.Td>
                <Table.Td>
                  <Button size="xs" variant="light" disabled={v.id === props.openId} onClick={() => props.onOpen(v.id)}>
                    {v.id === props.openId ? t("rules.versions.opened") : t("rules.versions.open")}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Card withBorder>
        <Title order={3} size="h5" mb="sm">
          {t("rules.versions.compare")}
        </Title>
        {props.versions.length < 2 ? (
          <Text c="dimmed">{t("rules.versions.needTwo")}</Text>
        ) : (
          <Stack>
            <Group>
              <Select label={t("rules.versions.from")} data={options} value={fromId} onChange={setFromId} w={220} />
              <Select label={t("rules.versions.to")} data={options} value={toId} onChange={setToId} w={220} />
            </Group>
            {diff.isFetching && <Loading rows={3} />}
            {diff.error && <ErrorState error={diff.error} />}
            {diff.data && diff.data.changes.length === 0 && <EmptyState title={t("rules.versions.same")} />}
            {diff.data && diff.data.changes.length > 0 && (
              <DiffTable changes={diff.data.changes} before={t("rules.versions.before")} after={t("rules.versions.after")} testId="diff-table" />
            )}
          </Stack>
        )}
      </Card>
    </Stack>
  );
}
