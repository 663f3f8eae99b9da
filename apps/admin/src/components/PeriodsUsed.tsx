// Which period results an annual result was rolled up from, and by which of the region's methods. Each period
// links to its own result, which stays as it was finalised.
import { Anchor, Badge, Card, Group, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { currentLanguage } from "../i18n";
import { formatScore } from "../lib/format";
import { periodName } from "../lib/periods";
import type { RouterOutputs } from "../lib/trpc";

type Rollup = NonNullable<RouterOutputs["result"]["get"]["rollup"]>;

export function PeriodsUsed(props: { rollup: Rollup; employeeId: string }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const { rollup } = props;
  const last = rollup.periods.at(-1);
  return (
    <Card withBorder padding="lg" data-testid="periods-used">
      <Stack gap="sm">
        <Title order={3}>{t("periodsUsed.title")}</Title>
        <Text size="sm">
          {t(`periodsUsed.method.${rollup.method}`, {
            count: rollup.periods.length,
            kind: t(`cycle.kind.${rollup.kind}`).toLowerCase(),
            last: last ? periodName(last.label, t) : "",
            computed: rollup.computedPredikat ?? "–",
          })}
        </Text>
        <Stack gap={6} component="ul" style={{ listStyle: "none", margin: 0, padding: 0 }}>
          {rollup.periods.map((period) => (
            <Group key={period.cycleId} component="li" justify="space-between" wrap="nowrap" gap="xs" data-testid="period-used">
              <Anchor component={Link} to={`/cycles/${period.cycleId}/employees/${props.employeeId}`} size="sm">
                {periodName(period.label, t)}
              </Anchor>
              <Group gap="xs" wrap="nowrap">
                <Text size="sm" className="tabular" c="dimmed">
                  {formatScore(period.score, lang)}
                </Text>
                <Badge variant="light" color="gray">
                  {period.predikatLabel ?? period.predikat ?? "–"}
                </Badge>
              </Group>
            </Group>
          ))}
        </Stack>
      </Stack>
    </Card>
  );
}
