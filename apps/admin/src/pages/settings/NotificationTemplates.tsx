// The words of each kind of notification the region sends (notification.templates): the subject and body
// with their placeholders, a preview filled with example values as a recipient would read it, saving the
// region's own wording, and going back to the shipped one. A placeholder the kind does not offer is
// refused by the server, which names it.
import { Alert, Badge, Button, Code, Group, Paper, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Select } from "../../components/LazySelect";
import { ErrorState, Loading } from "../../components/States";
import { errorMessage } from "../../lib/errors";
import { notifyError } from "../../lib/notify";
import { useTRPC, type RouterOutputs } from "../../lib/trpc";

type Template = RouterOutputs["notification"]["templates"][number];

function TemplateEditor(props: { template: Template }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { template } = props;
  const [subject, setSubject] = useState(template.subject);
  const [body, setBody] = useState(template.body);
  const preview = useMutation(trpc.notification.previewTemplate.mutationOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.notification.templates.queryKey() });
  const save = useMutation(trpc.notification.saveTemplate.mutationOptions());
  const reset = useMutation(trpc.notification.resetTemplate.mutationOptions());
  const changed = subject !== template.subject || body !== template.body;

  return (
    <Stack data-testid="template-editor">
      <Group gap="xs">
        <Title order={3}>{template.label}</Title>
        <Badge variant="light" color={template.custom ? "blue" : "gray"}>
          {template.custom ? t("settings.templates.custom") : t("settings.templates.shipped")}
        </Badge>
      </Group>
      <Text size="sm">
        {t("settings.templates.placeholders")}{" "}
        {template.placeholders.map((name) => (
          <Code key={name} mr={4}>{`{{${name}}}`}</Code>
        ))}
      </Text>
      <TextInput label={t("settings.templates.subject")} value={subject} onChange={(event) => setSubject(event.currentTarget.value)} />
      <Textarea label={t("settings.templates.body")} autosize minRows={6} maxRows={18} value={body} onChange={(event) => setBody(event.currentTarget.value)} />
      <Group justify="flex-end" wrap="wrap">
        {template.custom && (
          <Button
            variant="subtle"
            color="red"
            loading={reset.isPending}
            onClick={async () => {
              try {
                const shipped = await reset.mutateAsync({ kind: template.kind });
                setSubject(shipped.subject);
                setBody(shipped.body);
                notifications.show({ color: "teal", message: t("settings.templates.resetDone") });
                await refresh();
              } catch (error) {
                notifyError({ message: errorMessage(error, t) });
              }
            }}
          >
            {t("settings.templates.reset")}
          </Button>
        )}
        <Button variant="default" loading={preview.isPending} onClick={() => preview.mutate({ kind: template.kind, subject, body })}>
          {t("settings.templates.preview")}
        </Button>
        <Button
          disabled={!changed}
          loading={save.isPending}
          onClick={async () => {
            try {
              await save.mutateAsync({ kind: template.kind, subject, body });
              notifications.show({ color: "teal", message: t("settings.templates.saved", { label: template.label }) });
              await refresh();
            } catch (error) {
              notifyError({ title: t("settings.templates.notSaved"), message: errorMessage(error, t) });
            }
          }}
        >
          {t("common.save")}
        </Button>
      </Group>
      {preview.error && (
        <Alert color="red" role="alert" title={t("settings.templates.previewFailed")}>
          {errorMessage(preview.error, t)}
        </Alert>
      )}
      {preview.data && !preview.error && (
        <Paper withBorder p="md" radius="md" bg="gray.0" data-testid="template-preview">
          <Stack gap="xs">
            <Text size="xs" c="dimmed">
              {t("settings.templates.previewHelp")}
            </Text>
            <Text fw={600}>{preview.data.subject}</Text>
            <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
              {preview.data.body}
            </Text>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

export default function NotificationTemplates() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const templates = useQuery(trpc.notification.templates.queryOptions());
  const [kind, setKind] = useState<string | null>(null);
  if (templates.isPending) return <Loading rows={4} />;
  if (templates.error) return <ErrorState error={templates.error} onRetry={() => void templates.refetch()} />;
  const chosen = templates.data.find((template) => template.kind === kind) ?? templates.data[0];
  return (
    <Stack>
      <Text size="sm" c="dimmed" maw={760}>
        {t("settings.templates.help")}
      </Text>
      <Select
        label={t("settings.templates.kind")}
        data={templates.data.map((template) => ({ value: template.kind, label: template.custom ? `${template.label} · ${t("settings.templates.custom")}` : template.label }))}
        value={chosen?.kind ?? null}
        onChange={setKind}
        allowDeselect={false}
        maw={520}
        data-testid="template-kind"
      />
      {chosen && <TemplateEditor key={chosen.kind} template={chosen} />}
    </Stack>
  );
}
