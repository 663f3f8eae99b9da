// Continuous feedback (umpan balik berkelanjutan) on one work entry, at any time in the period: the thread
// oldest first (feedback.list), each request or piece of feedback with the answers under it, and a form
// to ask for feedback (from one's assessor, or a colleague by NIP) or to give it (feedback.post). Once the
// cycle is final the thread is read-only.
import { Badge, Box, Button, Group, Paper, Radio, SegmentedControl, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "../i18n";
import { errorMessage } from "../lib/errors";
import { notifyError } from "../lib/notify";
import { formatDateTime } from "../lib/format";
import { useRegionId, useSession } from "../lib/session";
import { useTRPC, type RouterOutputs } from "../lib/trpc";
import { ErrorState, Loading } from "./States";

type Message = RouterOutputs["feedback"]["list"]["items"][number];
type Kind = Message["kind"];
const NIP = /^\d{18}$/;

/** Top-level messages in order, each with its replies (a reply to a reply stays under the first message). */
export function threads(messages: readonly Message[]): Array<{ message: Message; replies: Message[] }> {
  const byId = new Map(messages.map((m) => [m.id, m]));
  const rootOf = (m: Message): Message => {
    let current = m;
    const seen = new Set<string>();
    while (current.parentId && byId.has(current.parentId) && !seen.has(current.id)) {
      seen.add(current.id);
      current = byId.get(current.parentId) as Message;
    }
    return current;
  };
  const result = new Map<string, { message: Message; replies: Message[] }>();
  for (const m of messages) {
    const root = rootOf(m);
    const entry = result.get(root.id) ?? { message: root, replies: [] };
    if (root.id !== m.id) entry.replies.push(m);
    result.set(root.id, entry);
  }
  return [...result.values()];
}

function MessageView(props: { message: Message }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const lang = currentLanguage();
  const m = props.message;
  const mine = m.author.id === user.id;
  return (
    <Stack gap={2}>
      <Group gap={6} wrap="wrap">
        <Text size="sm" fw={600}>{mine ? t("feedback.you") : m.author.name}</Text>
        <Badge size="xs" variant="light" color="gray">{t(`roles.${m.author.role}`, { defaultValue: m.author.role })}</Badge>
        <Badge size="xs" variant="light" color={m.kind === "request" ? "orange" : "teal"}>{t(`feedback.kind.${m.kind}`)}</Badge>
        {m.askedNip && (
          <Text size="xs" c="dimmed">
            {m.askedNip === user.username ? t("feedback.askedToYou") : t("feedback.askedTo", { nip: m.askedNip })}
          </Text>
        )}
        <Text size="xs" c="dimmed">{formatDateTime(m.createdAt, lang)}</Text>
      </Group>
      <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>{m.body}</Text>
    </Stack>
  );
}

function usePost(workEntryId: string) {
  const trpc = useTRPC();
  const regionId = useRegionId();
  const queryClient = useQueryClient();
  const post = useMutation(trpc.feedback.post.mutationOptions());
  const send = async (input: { kind: Kind; body: string; parentId?: string; askNip?: string }) => {
    await post.mutateAsync({ regionId, workEntryId, ...input });
    await queryClient.invalidateQueries({ queryKey: trpc.feedback.pathKey() });
  };
  return { send, pending: post.isPending };
}

function Reply(props: { workEntryId: string; parent: Message }) {
  const { t } = useTranslation();
  const { send, pending } = usePost(props.workEntryId);
  const [open, setOpen] = useState(false);
  const [body, setBody] = useState("");
  if (!open) {
    return (
      <Group>
        <Button size="compact-xs" variant="subtle" onClick={() => setOpen(true)}>
          {props.parent.kind === "request" ? t("feedback.answer") : t("feedback.reply")}
        </Button>
      </Group>
    );
  }
  return (
    <Stack gap="xs">
      <Textarea
        label={props.parent.kind === "request" ? t("feedback.answerLabel", { name: props.parent.author.name }) : t("feedback.replyLabel")}
        autosize
        minRows={2}
        maxLength={4000}
        value={body}
        onChange={(e) => setBody(e.currentTarget.value)}
        data-autofocus
      />
      <Group justify="flex-end" gap="xs">
        <Button size="xs" variant="default" onClick={() => setOpen(false)}>{t("common.cancel")}</Button>
        <Button
          size="xs"
          disabled={!body.trim()}
          loading={pending}
          onClick={async () => {
            try {
              await send({ kind: "feedback", body: body.trim(), parentId: props.parent.id });
              setBody("");
              setOpen(false);
            } catch (error) {
              notifyError({ message: errorMessage(error, t) });
            }
          }}
        >
          {props.parent.kind === "request" ? t("feedback.sendAnswer") : t("feedback.sendReply")}
        </Button>
      </Group>
    </Stack>
  );
}

function NewMessage(props: { workEntryId: string; assessorNip: string | null; defaultKind: Kind }) {
  const { t } = useTranslation();
  const { send, pending } = usePost(props.workEntryId);
  const [kind, setKind] = useState<Kind>(props.defaultKind);
  const [to, setTo] = useState<string>(props.assessorNip ? "assessor" : "anyone");
  const [nip, setNip] = useState("");
  const [body, setBody] = useState("");
  const colleague = nip.replace(/\s+/g, "");
  const askNip = kind !== "request" ? undefined : to === "assessor" ? (props.assessorNip ?? undefined) : to === "colleague" ? colleague : undefined;
  const nipError = kind === "request" && to === "colleague" && colleague !== "" && !NIP.test(colleague) ? t("feedback.nipInvalid") : undefined;
  const ready = body.trim() !== "" && !nipError && !(kind === "request" && to === "colleague" && !colleague);
  return (
    <form
      onSubmit={async (event) => {
        event.preventDefault();
        if (!ready) return;
        try {
          await send({ kind, body: body.trim(), ...(askNip ? { askNip } : {}) });
          setBody("");
          notifications.show({ color: "teal", message: kind === "request" ? t("feedback.asked") : t("feedback.given") });
        } catch (error) {
          notifyError({ message: errorMessage(error, t) });
        }
      }}
    >
      <Stack gap="xs">
        <SegmentedControl
          aria-label={t("feedback.kindLabel")}
          value={kind}
          onChange={(v) => setKind(v as Kind)}
          data={[
            { value: "request", label: t("feedback.ask") },
            { value: "feedback", label: t("feedback.give") },
          ]}
        />
        {kind === "request" && (
          <Radio.Group label={t("feedback.askFrom")} value={to} onChange={setTo}>
            <Stack gap={4} mt={4}>
              {props.assessorNip && <Radio value="assessor" label={t("feedback.fromAssessor", { nip: props.assessorNip })} />}
              <Radio value="colleague" label={t("feedback.fromColleague")} />
              <Radio value="anyone" label={t("feedback.fromAnyone")} />
            </Stack>
          </Radio.Group>
        )}
        {kind === "request" && to === "colleague" && (
          <TextInput label={t("feedback.colleagueNip")} value={nip} onChange={(e) => setNip(e.currentTarget.value)} error={nipError} inputMode="numeric" required />
        )}
        <Textarea
          label={kind === "request" ? t("feedback.question") : t("feedback.message")}
          description={kind === "request" ? t("feedback.questionHelp") : t("feedback.messageHelp")}
          autosize
          minRows={3}
          maxLength={4000}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          required
        />
        <Group justify="flex-end">
          <Button type="submit" disabled={!ready} loading={pending}>
            {kind === "request" ? t("feedback.sendRequest") : t("feedback.send")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function FeedbackThread(props: { workEntryId: string; assessorNip?: string | null; defaultKind?: Kind; closed?: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const list = useInfiniteQuery(
    trpc.feedback.list.infiniteQueryOptions({ regionId, workEntryId: props.workEntryId, limit: 100 }, { getNextPageParam: (p) => p.nextCursor }),
  );
  const messages = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack>
      {list.isPending && <Loading rows={3} />}
      {list.error && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && messages.length === 0 && <Text size="sm" c="dimmed">{t("feedback.none")}</Text>}
      <Stack gap="sm" data-testid="feedback-thread" aria-live="polite">
        {threads(messages).map(({ message, replies }) => (
          <Paper key={message.id} withBorder p="sm">
            <Stack gap="xs">
              <MessageView message={message} />
              {replies.map((r) => (
                <Box key={r.id} pl="md" style={{ borderLeft: "3px solid var(--mantine-color-gray-3)" }}>
                  <MessageView message={r} />
                </Box>
              ))}
              {!props.closed && <Reply workEntryId={props.workEntryId} parent={message} />}
            </Stack>
          </Paper>
        ))}
      </Stack>
      {list.hasNextPage && (
        <Group justify="center">
          <Button variant="default" size="xs" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            {t("common.loadMore")}
          </Button>
        </Group>
      )}
      {props.closed ? (
        <Text size="sm" c="dimmed">{t("feedback.closed")}</Text>
      ) : (
        <Paper withBorder p="sm" bg="gray.0">
          <NewMessage workEntryId={props.workEntryId} assessorNip={props.assessorNip ?? null} defaultKind={props.defaultKind ?? "request"} />
        </Paper>
      )}
    </Stack>
  );
}
