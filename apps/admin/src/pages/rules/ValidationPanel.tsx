// What the in-browser check found: errors and warnings with their JSON pointers (a click shows the spot
// in the JSON), and the rule file's own test cases, passed or failed with what was expected.
import { issueMessage } from "@kinerja/core";
import { Alert, Badge, Group, List, Stack, Text, Title, UnstyledButton } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "../../i18n";
import type { RuleValidation } from "../../lib/rule-validation";

export function ValidationSummary(props: { validation: RuleValidation | null; checking: boolean }) {
  const { t } = useTranslation();
  const v = props.validation;
  if (!v) return <Badge color="gray" tt="none" size="lg">{t("rules.check.checking")}</Badge>;
  const errors = v.issues.filter((i) => i.severity === "error").length;
  const warnings = v.issues.length - errors;
  const passed = v.tests?.filter((c) => c.passed).length ?? 0;
  const total = v.tests?.length ?? 0;
  return (
    <Group gap="xs" aria-live="polite" data-testid="validation-summary">
      {errors > 0 ? (
        <Badge color="red" tt="none" size="lg">{t("rules.check.errors", { count: errors })}</Badge>
      ) : (
        <Badge color="teal" tt="none" size="lg">{t("rules.check.valid")}</Badge>
      )}
      {warnings > 0 && <Badge color="yellow.9" tt="none" size="lg">{t("rules.check.warnings", { count: warnings })}</Badge>}
      {v.tests && (
        <Badge color={passed === total ? "teal" : "red"} tt="none" size="lg">{t("rules.check.cases", { passed, total })}</Badge>
      )}
      {props.checking && (
        <Text size="xs" c="dimmed">
          {t("rules.check.checking")}
        </Text>
      )}
    </Group>
  );
}

export function ValidationPanel(props: { validation: RuleValidation | null; onReveal(offset: number): void }) {
  const { t } = useTranslation();
  const v = props.validation;
  if (!v) return null;
  return (
    <Stack>
      <Title order={3} size="h4">
        {t("rules.check.issuesTitle")}
      </Title>
      {v.issues.length === 0 ? (
        <Alert color="teal">{t("rules.check.noIssues")}</Alert>
      ) : (
        <List spacing="xs" listStyleType="none" data-testid="issue-list">
          {v.issues.map((issue, i) => (
            <List.Item key={i}>
              <UnstyledButton onClick={() => props.onReveal(issue.from)} aria-label={t("rules.check.showInJson", { line: issue.line })}>
                <Group gap="xs" wrap="nowrap" align="flex-start">
                  <Badge color={issue.severity === "error" ? "red" : "yellow.9"} variant="light" miw={90}>
                    {t(`rules.check.severity.${issue.severity}`)}
                  </Badge>
                  <div>
                    <Text size="sm">{issueMessage(issue, currentLanguage())}</Text>
                    <Text size="xs" c="dimmed" className="mono">
                      {issue.pointer || "/"} · {t("rules.check.line", { line: issue.line })}
                    </Text>
                  </div>
                </Group>
              </UnstyledButton>
            </List.Item>
          ))}
        </List>
      )}
      <Title order={3} size="h4">
        {t("rules.check.casesTitle")}
      </Title>
      {!v.tests && <Text c="dimmed">{t("rules.check.casesNotRun")}</Text>}
      {v.tests?.length === 0 && <Text c="dimmed">{t("rules.check.noCases")}</Text>}
      {v.tests && v.tests.length > 0 && (
        <List spacing={6} listStyleType="none" data-testid="case-list">
          {v.tests.map((c, i) => (
            <List.Item key={i}>
              <Group gap="xs" wrap="nowrap" align="flex-start">
                <Badge color={c.passed ? "teal" : "red"} variant="light" miw={70}>
                  {c.passed ? t("rules.check.passed") : t("rules.check.failed")}
                </Badge>
                <div>
                  <Text size="sm">{c.name}</Text>
                  {!c.passed && (
                    <Text size="xs" c="red.8">
                      {c.message}
                    </Text>
                  )}
                </div>
              </Group>
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}

const LINES_SHOWN = 5;

/** The first few issues as one line each above the JSON, each a button to its place. */
export function IssueLines(props: { validation: RuleValidation | null; onReveal(offset: number): void }) {
  const { t } = useTranslation();
  const issues = props.validation?.issues ?? [];
  if (issues.length === 0) return null;
  return (
    <Stack gap={2} data-testid="json-issues">
      {issues.slice(0, LINES_SHOWN).map((issue, i) => (
        <UnstyledButton key={i} onClick={() => props.onReveal(issue.from)}>
          <Text size="sm" c={issue.severity === "error" ? "red.8" : "yellow.9"}>
            {t("rules.check.line", { line: issue.line })} · <span className="mono">{issue.pointer || "/"}</span>: {issueMessage(issue, currentLanguage())}
          </Text>
        </UnstyledButton>
      ))}
      {issues.length > LINES_SHOWN && (
        <Text size="xs" c="dimmed">
          {t("rules.check.more", { count: issues.length - LINES_SHOWN })}
        </Text>
      )}
    </Stack>
  );
}
