// A baseline version read as people read a regulation: its indicators and weights, its scales, the predikat
// table and the follow-ups, with the raw JSON behind a toggle for those who maintain it.
import { Badge, Button, Card, Code, Group, List, Stack, Table, Text, Title } from "@mantine/core";
import type { RuleFile } from "@kinerja/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "../../i18n";
import { formatScore } from "../../lib/format";

type Cell = Record<string, unknown>;

const OPERATORS: Record<string, string> = {
  equal: "=",
  notEqual: "≠",
  greaterThan: ">",
  greaterThanInclusive: "≥",
  lessThan: "<",
  lessThanInclusive: "≤",
  in: "∈",
  notIn: "∉",
};

/** A decision table's cell as people write it: "≥ 80, < 90", "Di Atas", or "–" for any value. */
function cellText(cell: unknown, label: (value: unknown) => string): string {
  if (cell === null || typeof cell !== "object") return cell === undefined ? "–" : label(cell);
  const parts = Object.entries(cell as Cell).map(([op, value]) => (op === "equal" ? label(value) : `${OPERATORS[op] ?? op} ${Array.isArray(value) ? value.map(label).join(", ") : label(value)}`));
  return parts.length > 0 ? parts.join(", ") : "–";
}

function Section(props: { title: string; children: React.ReactNode; testId: string }) {
  return (
    <Stack gap={6} data-testid={props.testId}>
      <Title order={4} size="h6">
        {props.title}
      </Title>
      {props.children}
    </Stack>
  );
}

export function BaselineSummary(props: { content: RuleFile; version: number }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [raw, setRaw] = useState(false);
  const { content } = props;
  const predikatLabel = new Map((content.predikat ?? []).map((p) => [p.id, p.label]));
  const label = (value: unknown): string => {
    if (typeof value === "boolean") return t(value ? "baselineSummary.yes" : "baselineSummary.no");
    if (typeof value === "string") return predikatLabel.get(value) ?? value.replaceAll("_", " ");
    return typeof value === "number" ? formatScore(value, lang) : String(value);
  };
  const predikatTable = (content.decisions ?? []).find((d) => d.output === "predikat");
  const axes = Object.entries(content.axes ?? {});
  return (
    <Card withBorder data-testid="baseline-summary">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <div style={{ minWidth: 0 }}>
            <Title order={3} size="h5">
              {t("baselineSummary.title", { name: content.name, version: props.version })}
            </Title>
            {content.legalBasis && content.legalBasis.length > 0 && (
              <Text size="sm" c="dimmed">
                {content.legalBasis.join(" · ")}
              </Text>
            )}
          </div>
          <Button variant="default" size="xs" onClick={() => setRaw((v) => !v)} aria-expanded={raw}>
            {raw ? t("baselineSummary.hideJson") : t("baselineSummary.showJson")}
          </Button>
        </Group>

        <Section title={t("baselineSummary.indicators")} testId="summary-indicators">
          {(content.indicatorSets ?? []).map((set) => (
            <Stack key={set.id} gap={4}>
              <Text size="sm" fw={600}>
                {set.name}
              </Text>
              <List size="sm" spacing={2}>
                {set.indicators.map((indicator) => (
                  <List.Item key={indicator.id}>
                    {indicator.name}{" "}
                    <Text span size="xs" c="dimmed">
                      {t("baselineSummary.indicatorLine", { axis: t(`axes.${indicator.axis}`, { defaultValue: indicator.axis }), weight: indicator.weight ?? "–" })}
                    </Text>
                  </List.Item>
                ))}
              </List>
            </Stack>
          ))}
        </Section>

        {(axes.length > 0 || (content.axisVariants ?? []).length > 0) && (
          <Section title={t("baselineSummary.weights")} testId="summary-weights">
            {axes.length > 0 && (
              <Text size="sm">{axes.map(([axis, weight]) => `${t(`axes.${axis}`, { defaultValue: axis })} ${weight}%`).join(" · ")}</Text>
            )}
            {(content.axisVariants ?? []).map((variant) => (
              <Text size="sm" key={variant.id}>
                {variant.name}:{" "}
                {Object.entries(variant.axes)
                  .map(([axis, weight]) => `${t(`axes.${axis}`, { defaultValue: axis })} ${weight}%`)
                  .join(" · ")}
              </Text>
            ))}
          </Section>
        )}

        {Object.keys(content.scales ?? {}).length > 0 && (
          <Section title={t("baselineSummary.scales")} testId="summary-scales">
            {Object.entries(content.scales ?? {}).map(([id, scale]) => (
              <Text size="sm" key={id}>
                <Text span fw={600}>
                  {id}
                </Text>
                : {t("baselineSummary.scaleRange", { min: scale.min, max: scale.max })}
                {scale.scoreMax !== undefined && `, ${t("baselineSummary.scoreMax", { max: scale.scoreMax })}`}
                {scale.labels && ` (${Object.entries(scale.labels).map(([at, text]) => `${at} ${text}`).join(", ")})`}
              </Text>
            ))}
          </Section>
        )}

        <Section title={t("baselineSummary.predikat")} testId="summary-predikat">
          <Group gap={6}>
            {(content.predikat ?? []).map((p) => (
              <Badge key={p.id} variant="light" miw="max-content" style={{ flexShrink: 0 }}>
                {p.label}
              </Badge>
            ))}
          </Group>
          {predikatTable && (
            <Table.ScrollContainer minWidth={320}>
              <Table striped withTableBorder data-testid="summary-predikat-table">
                <Table.Thead>
                  <Table.Tr>
                    {predikatTable.inputs.map((input) => (
                      <Table.Th key={input}>{input}</Table.Th>
                    ))}
                    <Table.Th>{t("baselineSummary.then")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {predikatTable.rows.map((row, i) => (
                    <Table.Tr key={i}>
                      {predikatTable.inputs.map((input, j) => (
                        <Table.Td key={input}>{cellText(row.when[j], label)}</Table.Td>
                      ))}
                      <Table.Td fw={600}>{label(row.then)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Section>

        <Section title={t("baselineSummary.followUps")} testId="summary-follow-ups">
          {(content.outcomes ?? []).length === 0 ? (
            <Text size="sm" c="dimmed">
              {t("baselineSummary.noFollowUps")}
            </Text>
          ) : (
            <List size="sm" spacing={2}>
              {(content.outcomes ?? []).map((outcome) => {
                const text = outcome.event.params?.label;
                return <List.Item key={outcome.name}>{typeof text === "string" ? text : outcome.event.type.replaceAll("_", " ")}</List.Item>;
              })}
            </List>
          )}
        </Section>

        {raw && (
          <Code block data-testid="baseline-json" style={{ maxHeight: 480, overflow: "auto" }}>
            {JSON.stringify(content, null, 2)}
          </Code>
        )}
      </Stack>
    </Card>
  );
}
