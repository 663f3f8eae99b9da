// Help beside a rating form: what the indicator in focus asks for (its `guidance` in the rule file), how
// to rate on the region's scale (the scale's `guidance` and labels), and examples of constructive feedback.
import { Card, List, Stack, Text, Title } from "@mantine/core";
import type { Scale } from "@kinerja/core";
import { useTranslation } from "react-i18next";

export interface GuidanceTopic {
  name: string;
  description: string | null;
  guidance: string | null;
  scale: Scale | null;
}

export function RatingGuidance(props: { topic: GuidanceTopic | null }) {
  const { t } = useTranslation();
  const examples = t("guidance.examples", { returnObjects: true }) as unknown;
  const list = Array.isArray(examples) ? (examples as string[]) : [];
  const { topic } = props;
  return (
    <Card withBorder padding="md" bg="gray.0" component="aside" aria-label={t("guidance.title")}>
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t("guidance.title")}
        </Title>
        {topic ? (
          <div>
            <Text fw={600} size="sm">{topic.name}</Text>
            {topic.description && <Text size="sm">{topic.description}</Text>}
            {topic.guidance && <Text size="sm" mt={4}>{topic.guidance}</Text>}
          </div>
        ) : (
          <Text size="sm" c="dimmed">{t("guidance.pick")}</Text>
        )}
        {topic?.scale && (
          <div>
            <Text fw={600} size="sm">{t("guidance.scale", { min: topic.scale.min, max: topic.scale.max })}</Text>
            {topic.scale.guidance && <Text size="sm">{topic.scale.guidance}</Text>}
            {topic.scale.labels && (
              <List size="sm" spacing={2} mt={4}>
                {Object.entries(topic.scale.labels).map(([value, label]) => (
                  <List.Item key={value}>
                    <b>{value}</b>: {label}
                  </List.Item>
                ))}
              </List>
            )}
          </div>
        )}
        <div>
          <Text fw={600} size="sm">{t("guidance.feedbackTitle")}</Text>
          <List size="sm" spacing={4} mt={4}>
            {list.map((example) => (
              <List.Item key={example}>{example}</List.Item>
            ))}
          </List>
        </div>
      </Stack>
    </Card>
  );
}
