// API & Webhook, for the region's admin: tokens for the public API (/api/v1), each shown once when made,
// listed by name and prefix with when it was last used, and revoked; webhook URLs for the region's events,
// each with its signing secret shown once, tested with a ping; and the log of deliveries (status, tries,
// the receiver's answer).
import "./strings";
import { Alert, Badge, Button, Checkbox, Code, CopyButton, Group, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { currentLanguage } from "../../i18n";
import { errorMessage } from "../../lib/errors";
import { formatDateTime } from "../../lib/format";
import { notifyError } from "../../lib/notify";
import { useTRPC } from "../../lib/trpc";

const SCOPES = ["results:read", "employees:read", "cycles:read", "attendance:write"] as const;
const EVENTS = ["cycle.opened", "results.finalised", "appeal.decided"] as const;

/** A secret shown once, with a button that copies it. */
function ShownOnce(props: { label: string; value: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <Alert color="teal" title={props.label}>
      <Stack gap="xs">
        <Text size="sm">{t("publicApi.shownOnce")}</Text>
        <Code block data-testid={props.testId} style={{ wordBreak: "break-all", whiteSpace: "pre-wrap" }}>
          {props.value}
        </Code>
        <CopyButton value={props.value}>
          {({ copied, copy }) => (
            <Button size="xs" variant="light" onClick={copy} w="fit-content">
              {copied ? t("publicApi.copied") : t("publicApi.copy")}
            </Button>
          )}
        </CopyButton>
      </Stack>
    </Alert>
  );
}

function Tokens() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tokens = useQuery(trpc.integration.tokens.queryOptions());
  const create = useMutation(trpc.integration.createToken.mutationOptions());
  const revoke = useMutation(trpc.integration.revokeToken.mutationOptions());
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<string[]>(["results:read"]);
  const [made, setMade] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.integration.tokens.queryKey() });

  const submit = async () => {
    try {
      const answer = await create.mutateAsync({ name, scopes: scopes as (typeof SCOPES)[number][] });
      setMade(answer.token);
      setName("");
      await refresh();
    } catch (error) {
      notifyError({ title: t("publicApi.tokens.notCreated"), message: errorMessage(error, t) });
    }
  };
  const revokeOne = async (id: string) => {
    try {
      await revoke.mutateAsync({ id });
      notifications.show({ color: "teal", message: t("publicApi.tokens.revokedNotice") });
      await refresh();
    } catch (error) {
      notifyError({ title: t("publicApi.tokens.notRevoked"), message: errorMessage(error, t) });
    }
  };

  return (
    <Stack>
      <Title order={3}>{t("publicApi.tokens.title")}</Title>
      <Text size="sm" c="dimmed">
        {t("publicApi.tokens.help")}
      </Text>
      <Group align="flex-end" wrap="wrap">
        <TextInput label={t("publicApi.tokens.name")} value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={100} w={260} />
        <Checkbox.Group label={t("publicApi.tokens.scopes")} value={scopes} onChange={setScopes}>
          <Group gap="sm" mt={6} wrap="wrap">
            {SCOPES.map((scope) => (
              <Checkbox key={scope} value={scope} label={scope} />
            ))}
          </Group>
        </Checkbox.Group>
        <Button onClick={() => void submit()} loading={create.isPending} disabled={!name.trim() || scopes.length === 0}>
          {t("publicApi.tokens.create")}
        </Button>
      </Group>
      {made && <ShownOnce label={t("publicApi.tokens.made")} value={made} testId="new-token" />}
      {tokens.isPending ? (
        <Loading rows={2} />
      ) : tokens.error ? (
        <ErrorState error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : tokens.data.length === 0 ? (
        <EmptyState title={t("publicApi.tokens.none")}>{t("publicApi.tokens.noneHelp")}</EmptyState>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped data-testid="api-tokens">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("publicApi.tokens.name")}</Table.Th>
                <Table.Th>{t("publicApi.tokens.prefix")}</Table.Th>
                <Table.Th>{t("publicApi.tokens.scopes")}</Table.Th>
                <Table.Th>{t("publicApi.tokens.lastUsed")}</Table.Th>
                <Table.Th>{t("publicApi.status")}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tokens.data.map((token) => (
                <Table.Tr key={token.id}>
                  <Table.Td>{token.name}</Table.Td>
                  <Table.Td className="mono">{token.prefix}…</Table.Td>
                  <Table.Td>{token.scopes.join(", ")}</Table.Td>
                  <Table.Td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt, lang) : t("publicApi.tokens.never")}</Table.Td>
                  <Table.Td>
                    {token.revokedAt ? <Badge color="gray">{t("publicApi.tokens.revoked")}</Badge> : <Badge color="teal">{t("publicApi.tokens.active")}</Badge>}
                  </Table.Td>
                  <Table.Td>
                    {!token.revokedAt && (
                      <Button size="xs" color="red" variant="light" onClick={() => void revokeOne(token.id)} aria-label={t("publicApi.tokens.revokeOne", { name: token.name })}>
                        {t("publicApi.tokens.revoke")}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function Webhooks() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const endpoints = useQuery(trpc.integration.webhooks.queryOptions());
  const deliveries = useQuery(trpc.integration.deliveries.queryOptions({}, { refetchInterval: 5_000 }));
  const register = useMutation(trpc.integration.registerWebhook.mutationOptions());
  const test = useMutation(trpc.integration.testWebhook.mutationOptions());
  const disable = useMutation(trpc.integration.disableWebhook.mutationOptions());
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<string[]>([...EVENTS]);
  const [secret, setSecret] = useState<string | null>(null);
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.integration.webhooks.queryKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.integration.deliveries.queryKey() });
  };
  const act = async (work: () => Promise<unknown>, failed: string) => {
    try {
      await work();
      await refresh();
    } catch (error) {
      notifyError({ title: failed, message: errorMessage(error, t) });
    }
  };

  return (
    <Stack>
      <Title order={3}>{t("publicApi.webhooks.title")}</Title>
      <Text size="sm" c="dimmed">
        {t("publicApi.webhooks.help")}
      </Text>
      <Group align="flex-end" wrap="wrap">
        <TextInput label={t("publicApi.webhooks.url")} placeholder="https://" value={url} onChange={(e) => setUrl(e.currentTarget.value)} w={320} />
        <Checkbox.Group label={t("publicApi.webhooks.events")} value={events} onChange={setEvents}>
          <Group gap="sm" mt={6} wrap="wrap">
            {EVENTS.map((event) => (
              <Checkbox key={event} value={event} label={event} />
            ))}
          </Group>
        </Checkbox.Group>
        <Button
          loading={register.isPending}
          disabled={!url.trim() || events.length === 0}
          onClick={() =>
            void act(async () => {
              const made = await register.mutateAsync({ url, events: events as (typeof EVENTS)[number][] });
              setSecret(made.secret);
              setUrl("");
            }, t("publicApi.webhooks.notRegistered"))
          }
        >
          {t("publicApi.webhooks.register")}
        </Button>
      </Group>
      {secret && <ShownOnce label={t("publicApi.webhooks.secret")} value={secret} testId="webhook-secret" />}
      {endpoints.isPending ? (
        <Loading rows={2} />
      ) : endpoints.error ? (
        <ErrorState error={endpoints.error} onRetry={() => void endpoints.refetch()} />
      ) : endpoints.data.length === 0 ? (
        <EmptyState title={t("publicApi.webhooks.none")}>{t("publicApi.webhooks.noneHelp")}</EmptyState>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped data-testid="webhooks">
            <Table.Tbody>
              {endpoints.data.map((endpoint) => (
                <Table.Tr key={endpoint.id}>
                  <Table.Td className="mono" style={{ wordBreak: "break-all" }}>
                    {endpoint.url}
                  </Table.Td>
                  <Table.Td>{endpoint.events.join(", ")}</Table.Td>
                  <Table.Td>
                    {endpoint.disabledAt ? (
                      <Badge color="gray">{t("publicApi.webhooks.disabled")}</Badge>
                    ) : (
                      <Group gap="xs" wrap="nowrap">
                        <Button size="xs" variant="light" onClick={() => void act(() => test.mutateAsync({ id: endpoint.id }), t("publicApi.webhooks.notTested"))}>
                          {t("publicApi.webhooks.test")}
                        </Button>
                        <Button size="xs" color="red" variant="subtle" onClick={() => void act(() => disable.mutateAsync({ id: endpoint.id }), t("publicApi.webhooks.notDisabled"))}>
                          {t("publicApi.webhooks.disable")}
                        </Button>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Title order={4}>{t("publicApi.deliveries.title")}</Title>
      {deliveries.isPending ? (
        <Loading rows={2} />
      ) : deliveries.error ? (
        <ErrorState error={deliveries.error} onRetry={() => void deliveries.refetch()} />
      ) : deliveries.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("publicApi.deliveries.none")}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped data-testid="webhook-deliveries">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("publicApi.deliveries.at")}</Table.Th>
                <Table.Th>{t("publicApi.deliveries.event")}</Table.Th>
                <Table.Th>{t("publicApi.status")}</Table.Th>
                <Table.Th>{t("publicApi.deliveries.attempts")}</Table.Th>
                <Table.Th>{t("publicApi.deliveries.response")}</Table.Th>
                <Table.Th>{t("publicApi.deliveries.error")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {deliveries.data.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>{formatDateTime(d.createdAt, lang)}</Table.Td>
                  <Table.Td className="mono">{d.event}</Table.Td>
                  <Table.Td>
                    <Badge color={d.status === "delivered" ? "teal" : d.status === "failed" ? "red" : "yellow"}>{t(`publicApi.deliveries.status.${d.status}`)}</Badge>
                  </Table.Td>
                  <Table.Td>{d.attempts}</Table.Td>
                  <Table.Td>{d.responseStatus ?? "–"}</Table.Td>
                  <Table.Td>
                    <Text size="sm" c="red.8">
                      {d.lastError ?? "–"}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

export default function IntegrationsPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="xl">
      <Title order={2}>{t("publicApi.title")}</Title>
      <Text size="sm">
        {t("publicApi.intro")} <Code>/api/v1/openapi.json</Code>
      </Text>
      <Tokens />
      <Webhooks />
    </Stack>
  );
}
