// The views the members of a unit's evaluation forum gave on a case (forum.view's sessions), as the case's
// superior weighs them before deciding: who, when, in which meeting, the view and the predikat suggested.
import { Badge, Group, Paper, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "../../i18n";
import { formatDateTime } from "../../lib/format";
import type { RouterOutputs } from "../../lib/trpc";

export type ForumData = RouterOutputs["forum"]["view"];
export type MemberView = ForumData["sessions"][number]["views"][number] & { heldOn: string };

/** The members' views on each case, by case: the latest view of each member in each session, newest first. */
export function viewsByCase(sessions: ForumData["sessions"]): Map<string, MemberView[]> {
  const byCase = new Map<string, MemberView[]>();
  for (const s of sessions) for (const v of s.views) byCase.set(v.employeeId, [...(byCase.get(v.employeeId) ?? []), { ...v, heldOn: s.heldOn }]);
  for (const list of byCase.values()) list.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return byCase;
}

/** One case's views from the forum's members, as the superior weighs them before deciding. */
export function CaseViews(props: { views: MemberView[] }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <Stack gap={6}>
      {props.views.map((v) => (
        <Paper key={`${v.memberNip}-${v.at}`} withBorder p="xs" component="article" data-testid="member-view">
          <Group gap="xs" wrap="wrap" mb={2}>
            <Text size="sm" fw={600}>{v.memberNama ?? t("forumView.unknownMember", { nip: v.memberNip })}</Text>
            <Text size="xs" c="dimmed">{formatDateTime(v.at, lang)} · {t("forumView.viewSession", { date: v.heldOn })}</Text>
          </Group>
          <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{v.view}</Text>
          {v.suggestedLabel ? (
            <Badge variant="light" mt={4} style={{ textTransform: "none" }}>{t("forumView.suggested", { label: v.suggestedLabel })}</Badge>
          ) : (
            <Text size="xs" c="dimmed" mt={2}>{t("forumView.noSuggestion")}</Text>
          )}
        </Paper>
      ))}
    </Stack>
  );
}

