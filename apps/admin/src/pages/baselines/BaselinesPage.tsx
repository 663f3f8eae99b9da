// The national operator's baselines: every version of each national baseline, what one version changed
// from the one before, and publishing a new version (a new regulation) with a note regions read before
// they move to it. A published version never changes; regions move to a new one when they choose.
import "./strings";
import { Badge, Button, Card, Group, Stack, Table, Text, TextInput, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Select } from "../../components/LazySelect";
import { ErrorState, Loading } from "../../components/States";
import { currentLanguage } from "../../i18n";
import { errorMessage } from "../../lib/errors";
import { formatDateTime } from "../../lib/format";
import { notifyError } from "../../lib/notify";
import { useTRPC } from "../../lib/trpc";
import type { RuleFile } from "@kinerja/core";
import { DiffTable } from "../rules/DiffTable";
import { BaselineSummary } from "./BaselineSummary";

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function NewVersion(props: { baselineId: string; version: number }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const newest = useQuery(trpc.baseline.get.queryOptions({ baselineId: props.baselineId, version: props.version }));
  const [text, setText] = useState<string | null>(null);
  const [note, setNote] = useState("");
  const publish = useMutation(trpc.baseline.publish.mutationOptions());
  if (newest.error) return <ErrorState error={newest.error} />;
  if (!newest.data) return <Loading rows={4} />;
  const shown = text ?? `${JSON.stringify(newest.data.content, null, 2)}\n`;
  const content = parseObject(shown);

  async function onPublish() {
    if (!content) return;
    try {
      const published = await publish.mutateAsync({ baselineId: props.baselineId, content, note });
      notifications.show({ color: "teal", message: t("baselines.published", { name: published.name, version: published.version }) });
      setText(null);
      setNote("");
      await queryClient.invalidateQueries({ queryKey: trpc.baseline.list.queryKey() });
    } catch (error) {
      notifyError({ title: t("baselines.publishFailed"), message: errorMessage(error, t) });
    }
  }

  return (
    <Card withBorder>
      <Title order={3} size="h5" mb="xs">
        {t("baselines.newVersion", { version: props.version + 1 })}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t("baselines.newVersionHelp", { version: props.version })}
      </Text>
      <Stack>
        <Textarea
          label={t("baselines.content")}
          value={shown}
          onChange={(event) => setText(event.currentTarget.value)}
          autosize
          minRows={8}
          maxRows={20}
          classNames={{ input: "mono" }}
          error={content ? undefined : t("baselines.notJson")}
          spellCheck={false}
        />
        <TextInput label={t("baselines.note")} description={t("baselines.noteHelp")} value={note} onChange={(event) => setNote(event.currentTarget.value)} required />
        <Group>
          <Button onClick={() => void onPublish()} loading={publish.isPending} disabled={!content || note.trim().length === 0}>
            {t("baselines.publish", { version: props.version + 1 })}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** The newest version's content as a readable summary. */
function NewestSummary(props: { baselineId: string; version: number }) {
  const trpc = useTRPC();
  const newest = useQuery(trpc.baseline.get.queryOptions({ baselineId: props.baselineId, version: props.version }));
  if (newest.error) return <ErrorState error={newest.error} />;
  if (!newest.data) return <Loading rows={4} />;
  return <BaselineSummary content={newest.data.content as RuleFile} version={props.version} />;
}

/** Who created and published the baseline's versions, from the national audit log. */
function BaselineHistory(props: { baselineId: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const lang = currentLanguage();
  const entries = useQuery(trpc.baseline.audit.queryOptions({ baselineId: props.baselineId }));
  if (entries.error) return <ErrorState error={entries.error} />;
  if (!entries.data) return null;
  return (
    <Card withBorder data-testid="baseline-audit">
      <Title order={3} size="h5" mb="xs">
        {t("baselineSummary.history")}
      </Title>
      <Stack gap={4}>
        {entries.data.map((entry) => {
          const after = (entry.after ?? {}) as { version?: number; note?: string };
          return (
            <Text size="sm" key={entry.id} data-testid="baseline-audit-entry">
              {t(`baselineSummary.${entry.action === "baseline.create" ? "created" : "publishedBy"}`, {
                version: after.version ?? "?",
                name: entry.actor.name,
                at: formatDateTime(entry.at, lang),
              })}
              {after.note ? `: ${after.note}` : ""}
            </Text>
          );
        })}
      </Stack>
    </Card>
  );
}

export default function BaselinesPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const lang = currentLanguage();
  const baselines = useQuery(trpc.baseline.list.queryOptions());
  const [chosenId, setChosenId] = useState<string | null>(null);
  const chosen = baselines.data?.find((b) => b.baselineId === (chosenId ?? baselines.data?.[0]?.baselineId));
  const [newest, previous] = chosen?.versions ?? [];
  const diff = useQuery({
    ...trpc.baseline.diff.queryOptions({ baselineId: chosen?.baselineId ?? "", fromVersion: previous?.version ?? 1, toVersion: newest?.version ?? 1 }),
    enabled: Boolean(chosen && newest && previous),
  });

  return (
    <Stack>
      <Title order={2}>{t("baselines.title")}</Title>
      <Text c="dimmed">{t("baselines.intro")}</Text>
      {baselines.isPending && <Loading rows={4} />}
      {baselines.error && <ErrorState error={baselines.error} onRetry={() => void baselines.refetch()} />}
      {baselines.data && (
        <Select
          label={t("baselines.choose")}
          data={baselines.data.map((b) => ({ value: b.baselineId, label: b.name }))}
          value={chosen?.baselineId ?? null}
          onChange={setChosenId}
          allowDeselect={false}
          w={{ base: "100%", sm: 420 }}
        />
      )}
      {chosen && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped data-testid="baseline-versions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("baselines.version")}</Table.Th>
                <Table.Th>{t("baselines.ref")}</Table.Th>
                <Table.Th>{t("baselines.note")}</Table.Th>
                <Table.Th>{t("baselines.author")}</Table.Th>
                <Table.Th>{t("baselines.publishedAt")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {chosen.versions.map((v, i) => (
                <Table.Tr key={v.version}>
                  <Table.Td fw={600}>
                    <Group gap={6} wrap="nowrap">
                      v{v.version}
                      {i === 0 && (
                        <Badge variant="light" miw="max-content" style={{ flexShrink: 0 }}>
                          {t("baselines.newest")}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td className="mono">{v.ref}</Table.Td>
                  <Table.Td>{v.note}</Table.Td>
                  <Table.Td>{v.authorName}</Table.Td>
                  <Table.Td>{formatDateTime(v.publishedAt, lang)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {chosen && newest && previous && diff.data && (
        <Card withBorder>
          <Title order={3} size="h5" mb="xs">
            {t("baselines.changed", { from: previous.version, to: newest.version })}
          </Title>
          <DiffTable changes={diff.data} before={`v${previous.version}`} after={`v${newest.version}`} testId="baseline-diff" />
        </Card>
      )}
      {chosen && newest && <NewestSummary key={`summary-${chosen.baselineId}@${newest.version}`} baselineId={chosen.baselineId} version={newest.version} />}
      {chosen && <BaselineHistory baselineId={chosen.baselineId} />}
      {chosen && newest && <NewVersion key={`${chosen.baselineId}@${newest.version}`} baselineId={chosen.baselineId} version={newest.version} />}
    </Stack>
  );
}
