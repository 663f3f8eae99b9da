// The BKD admin's connectors: each one enabled or not in the region, its mapping file edited as JSON (the
// default shipped with it until the region saves its own), its secrets written but never shown; then what
// it does: the attendance and work-log sources import a file as a job with progress and a per-row report,
// the payroll sink downloads the TPP sheet of a cycle; a source that fetches its own input can be scheduled.
import "./strings";
import { Alert, Badge, Button, Card, Group, PasswordInput, Stack, Switch, Text, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorState, Loading } from "../../components/States";
import { currentLanguage } from "../../i18n";
import { errorMessage } from "../../lib/errors";
import { useRegionId } from "../../lib/session";
import { useTRPC, type RouterOutputs } from "../../lib/trpc";
import { AttendanceSource, WorkCalendar } from "./AttendanceSource";
import { PayrollSink } from "./PayrollSink";
import { ScheduleControl } from "./ScheduleControl";
import { SiasnKinerjaSink } from "./SiasnKinerjaSink";
import { SiasnSource } from "./SiasnSource";
import { WorklogSource } from "./WorklogSource";

export type ConnectorView = RouterOutputs["connector"]["list"][number];

function MappingEditor(props: { connector: ConnectorView }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const queryClient = useQueryClient();
  const [text, setText] = useState(() => JSON.stringify(props.connector.mapping, null, 2));
  const [parseError, setParseError] = useState<string | null>(null);
  const save = useMutation(
    trpc.connector.configure.mutationOptions({
      onSuccess: async (saved) => {
        setText(JSON.stringify(saved.mapping, null, 2));
        notifications.show({ color: "green", message: t("integrations.saved") });
        // A mapping shapes what the connector's views show (the SIASN card's readiness), not only its own entry.
        await queryClient.invalidateQueries({ queryKey: trpc.connector.pathKey() });
      },
    }),
  );
  const submit = (mapping: unknown) => {
    setParseError(null);
    save.mutate({ regionId, name: props.connector.name, mapping });
  };
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text fw={600} size="sm">
          {t("integrations.mapping.title")}
        </Text>
        <Badge variant="light" color={props.connector.mappingIsDefault ? "gray" : "blue"}>
          {t(props.connector.mappingIsDefault ? "integrations.mapping.isDefault" : "integrations.mapping.isOwn")}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed">
        {t("integrations.mapping.help")}
      </Text>
      <Textarea
        aria-label={t("integrations.mapping.title")}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        autosize
        minRows={6}
        maxRows={18}
        styles={{ input: { fontFamily: "monospace", fontSize: 12 } }}
        data-testid={`mapping-${props.connector.name}`}
      />
      {(parseError ?? save.error) && (
        <Alert color="red" data-testid={`mapping-error-${props.connector.name}`}>
          {parseError ?? errorMessage(save.error, t)}
        </Alert>
      )}
      <Group>
        <Button
          size="xs"
          loading={save.isPending}
          onClick={() => {
            try {
              submit(JSON.parse(text) as unknown);
            } catch (error) {
              setParseError(t("integrations.mapping.invalidJson", { message: (error as Error).message }));
            }
          }}
        >
          {t("integrations.mapping.save")}
        </Button>
        <Button size="xs" variant="default" disabled={props.connector.mappingIsDefault} onClick={() => submit(null)}>
          {t("integrations.mapping.reset")}
        </Button>
      </Group>
    </Stack>
  );
}

function Secrets(props: { connector: ConnectorView }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Record<string, string>>({});
  const save = useMutation(
    trpc.connector.configure.mutationOptions({
      onSuccess: async () => {
        setValues({});
        await queryClient.invalidateQueries({ queryKey: trpc.connector.list.queryKey({ regionId }) });
      },
    }),
  );
  if (props.connector.secrets.length === 0) return null;
  return (
    <Stack gap="xs">
      <Text fw={600} size="sm">
        {t("integrations.secrets.title")}
      </Text>
      {props.connector.secrets.map((s) => (
        <PasswordInput
          key={s.name}
          label={`${s.name} (${t(s.set ? "integrations.secrets.set" : "integrations.secrets.unset")})`}
          value={values[s.name] ?? ""}
          onChange={(e) => setValues({ ...values, [s.name]: e.currentTarget.value })}
          autoComplete="off"
        />
      ))}
      <Button size="xs" w="fit-content" loading={save.isPending} onClick={() => save.mutate({ regionId, name: props.connector.name, secrets: values })}>
        {t("integrations.secrets.save")}
      </Button>
    </Stack>
  );
}

function ConnectorCard(props: { connector: ConnectorView }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const queryClient = useQueryClient();
  const { connector } = props;
  const lang = currentLanguage();
  const toggle = useMutation(
    trpc.connector.configure.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.connector.list.queryKey({ regionId }) }),
    }),
  );
  return (
    <Card withBorder padding="md" data-testid={`connector-${connector.name}`}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Stack gap={2} maw={640}>
            <Group gap="xs">
              <Title order={3} size="h4">
                {connector.label[lang]}
              </Title>
              <Badge variant="outline">{t(connector.kind === "source" ? "integrations.source" : "integrations.sink")}</Badge>
            </Group>
            <Text size="sm" c="dimmed">
              {connector.description[lang]}
            </Text>
          </Stack>
          <Switch
            label={t("integrations.enabled")}
            checked={connector.enabled}
            disabled={toggle.isPending}
            onChange={(e) => toggle.mutate({ regionId, name: connector.name, enabled: e.currentTarget.checked })}
          />
        </Group>
        {toggle.error && <Alert color="red">{errorMessage(toggle.error, t)}</Alert>}
        {connector.name === "attendance" && <AttendanceSource connector={connector} />}
        {connector.name === "payroll" && <PayrollSink connector={connector} />}
        {connector.name === "worklogs" && <WorklogSource connector={connector} />}
        {connector.name === "siasn" && <SiasnSource connector={connector} />}
        {connector.name === "siasn-kinerja" && <SiasnKinerjaSink connector={connector} />}
        <ScheduleControl connector={connector} />
        <MappingEditor key={`${connector.updatedAt ?? "default"}`} connector={connector} />
        <Secrets connector={connector} />
        {connector.name === "attendance" && <WorkCalendar />}
      </Stack>
    </Card>
  );
}

export default function IntegrationsPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const list = useQuery(trpc.connector.list.queryOptions({ regionId }));
  return (
    <Stack>
      <Title order={2}>{t("integrations.title")}</Title>
      <Text size="sm" maw={900}>
        {t("integrations.intro")}
      </Text>
      {list.isPending ? <Loading rows={4} /> : list.error ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : list.data.map((c) => <ConnectorCard key={c.name} connector={c} />)}
    </Stack>
  );
}
