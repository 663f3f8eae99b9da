// Sign-in through the region's OpenID Connect provider (SIASN/MyASN or another), as its admin keeps it
// (identityProvider.*): the discovery URL, the client registered at the provider, the scopes and the claim
// that carries the NIP, whether an employee without an account gets one at sign-in, enabled or not. The
// client secret is write-only: the list says only that one is stored, and an edit left blank keeps it.
import { Alert, Badge, Button, Code, Group, Paper, PasswordInput, SimpleGrid, Stack, Switch, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { errorMessage } from "../../lib/errors";
import { notifyError } from "../../lib/notify";
import { useTRPC, type RouterOutputs } from "../../lib/trpc";

type IdentityProvider = RouterOutputs["identityProvider"]["list"][number];
type DiscoveryCheck = RouterOutputs["identityProvider"]["test"];

/** Where the provider sends the person back: registered at the provider as the client's redirect URI. */
export function callbackUrl(providerId: string): string {
  return `${window.location.origin}/api/auth/sso/callback/${providerId}`;
}

function scopesOf(text: string): string[] {
  return text.split(/[\s,]+/).filter((scope) => scope !== "");
}

function DiscoveryResult(props: { check: DiscoveryCheck }) {
  const { t } = useTranslation();
  const { check } = props;
  return (
    <Alert color={check.ok ? "teal" : "red"} title={check.ok ? t("settings.sso.testOk") : t("settings.sso.testFailed")} data-testid="discovery-check">
      <Text size="sm">{check.message}</Text>
      {check.ok && (
        <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
          {check.authorizationEndpoint}
        </Text>
      )}
    </Alert>
  );
}

function ProviderForm(props: { provider: IdentityProvider | null; onDone(saved: IdentityProvider | null): void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { provider } = props;
  const create = useMutation(trpc.identityProvider.create.mutationOptions());
  const update = useMutation(trpc.identityProvider.update.mutationOptions());
  const test = useMutation(trpc.identityProvider.test.mutationOptions());
  const form = useForm({
    initialValues: {
      name: provider?.name ?? "",
      discoveryUrl: provider?.discoveryUrl ?? "",
      clientId: provider?.clientId ?? "",
      clientSecret: "",
      scopes: (provider?.scopes ?? ["profile"]).join(" "),
      nipClaim: provider?.nipClaim ?? "nip",
      createAccounts: provider?.createAccounts ?? false,
      enabled: provider?.enabled ?? true,
    },
    validate: {
      name: (v) => (v.trim() ? null : t("settings.sso.nameRequired")),
      discoveryUrl: (v) => (/^https?:\/\/\S+$/.test(v.trim()) ? null : t("settings.sso.discoveryInvalid")),
      clientId: (v) => (v.trim() ? null : t("settings.sso.clientIdRequired")),
      clientSecret: (v) => (provider || v ? null : t("settings.sso.secretRequired")),
      nipClaim: (v) => (v.trim() ? null : t("settings.sso.nipClaimRequired")),
    },
  });

  const submit = form.onSubmit(async (values) => {
    const input = {
      name: values.name.trim(),
      discoveryUrl: values.discoveryUrl.trim(),
      clientId: values.clientId.trim(),
      clientSecret: values.clientSecret,
      scopes: scopesOf(values.scopes),
      nipClaim: values.nipClaim.trim(),
      createAccounts: values.createAccounts,
      enabled: values.enabled,
    };
    try {
      const saved = provider ? await update.mutateAsync({ id: provider.id, ...input }) : await create.mutateAsync(input);
      notifications.show({ color: "teal", message: t("settings.sso.saved", { name: saved.name }) });
      props.onDone(saved);
    } catch (error) {
      notifyError({ title: t("settings.sso.notSaved"), message: errorMessage(error, t) });
    }
  });

  return (
    <Paper withBorder p="md" radius="md" data-testid="provider-form">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={3}>{provider ? t("settings.sso.editTitle", { name: provider.name }) : t("settings.sso.addTitle")}</Title>
          <TextInput label={t("settings.sso.name")} description={t("settings.sso.nameHelp")} required {...form.getInputProps("name")} />
          <TextInput
            label={t("settings.sso.discoveryUrl")}
            description={t("settings.sso.discoveryHelp")}
            placeholder="https://sso.example.go.id/.well-known/openid-configuration"
            required
            classNames={{ input: "mono" }}
            {...form.getInputProps("discoveryUrl")}
          />
          <Group>
            <Button
              variant="light"
              size="xs"
              loading={test.isPending}
              disabled={!form.values.discoveryUrl.trim()}
              onClick={() => test.mutate({ discoveryUrl: form.values.discoveryUrl.trim() }, { onError: (error) => notifyError({ message: errorMessage(error, t) }) })}
            >
              {t("settings.sso.test")}
            </Button>
          </Group>
          {test.data && <DiscoveryResult check={test.data} />}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t("settings.sso.clientId")} required classNames={{ input: "mono" }} autoComplete="off" {...form.getInputProps("clientId")} />
            <PasswordInput
              label={t("settings.sso.clientSecret")}
              description={provider?.hasClientSecret ? t("settings.sso.secretKept") : t("settings.sso.secretHelp")}
              placeholder={provider?.hasClientSecret ? t("settings.sso.secretStored") : undefined}
              required={!provider}
              autoComplete="new-password"
              {...form.getInputProps("clientSecret")}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t("settings.sso.scopes")} description={t("settings.sso.scopesHelp")} classNames={{ input: "mono" }} {...form.getInputProps("scopes")} />
            <TextInput label={t("settings.sso.nipClaim")} description={t("settings.sso.nipClaimHelp")} required classNames={{ input: "mono" }} {...form.getInputProps("nipClaim")} />
          </SimpleGrid>
          <Switch label={t("settings.sso.createAccounts")} description={t("settings.sso.createAccountsHelp")} {...form.getInputProps("createAccounts", { type: "checkbox" })} />
          <Switch label={t("settings.sso.enabled")} description={t("settings.sso.enabledHelp")} {...form.getInputProps("enabled", { type: "checkbox" })} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => props.onDone(null)}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={create.isPending || update.isPending}>
              {t("common.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function ProviderCard(props: { provider: IdentityProvider; onEdit(): void; onSaved(): void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { provider } = props;
  const toggle = useMutation(trpc.identityProvider.update.mutationOptions());
  const test = useMutation(trpc.identityProvider.test.mutationOptions());
  const setEnabled = async (enabled: boolean) => {
    const { id, name, discoveryUrl, clientId, scopes, nipClaim, createAccounts } = provider;
    try {
      await toggle.mutateAsync({ id, name, discoveryUrl, clientId, clientSecret: "", scopes, nipClaim, createAccounts, enabled });
      notifications.show({ color: "teal", message: t(enabled ? "settings.sso.enabledNow" : "settings.sso.disabledNow", { name }) });
      props.onSaved();
    } catch (error) {
      notifyError({ title: t("settings.sso.notSaved"), message: errorMessage(error, t) });
    }
  };
  const rows: Array<[string, string]> = [
    [t("settings.sso.discoveryUrl"), provider.discoveryUrl],
    [t("settings.sso.clientId"), provider.clientId],
    [t("settings.sso.clientSecret"), provider.hasClientSecret ? t("settings.sso.secretStored") : t("settings.sso.secretMissing")],
    [t("settings.sso.scopes"), ["openid", ...provider.scopes].join(" ")],
    [t("settings.sso.nipClaim"), provider.nipClaim],
    [t("settings.sso.createAccounts"), provider.createAccounts ? t("settings.sso.yes") : t("settings.sso.no")],
  ];
  return (
    <Paper withBorder p="md" radius="md" data-testid="identity-provider">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Group gap="xs">
            <Title order={3}>{provider.name}</Title>
            <Badge color={provider.enabled ? "teal" : "gray"} variant="light" data-testid="provider-status">
              {provider.enabled ? t("settings.sso.active") : t("settings.sso.inactive")}
            </Badge>
          </Group>
          <Group gap="xs">
            <Button size="xs" variant="light" loading={test.isPending} onClick={() => test.mutate({ id: provider.id })}>
              {t("settings.sso.test")}
            </Button>
            <Button size="xs" variant="default" onClick={props.onEdit}>
              {t("settings.sso.edit")}
            </Button>
            <Button size="xs" variant="light" color={provider.enabled ? "red" : "teal"} loading={toggle.isPending} onClick={() => void setEnabled(!provider.enabled)}>
              {provider.enabled ? t("settings.sso.disable") : t("settings.sso.enable")}
            </Button>
          </Group>
        </Group>
        {test.data && <DiscoveryResult check={test.data} />}
        <Stack gap={4} component="dl" m={0}>
          {rows.map(([label, value]) => (
            <Group key={label} gap="xs" wrap="nowrap" align="flex-start">
              <Text component="dt" size="sm" c="dimmed" w={140} style={{ flexShrink: 0 }}>
                {label}
              </Text>
              <Text component="dd" size="sm" m={0} className="mono" style={{ overflowWrap: "anywhere", minWidth: 0 }}>
                {value}
              </Text>
            </Group>
          ))}
        </Stack>
        <Text size="sm">{t("settings.sso.callbackHelp")}</Text>
        <Code block data-testid="callback-url" style={{ overflowWrap: "anywhere", whiteSpace: "pre-wrap" }}>
          {callbackUrl(provider.id)}
        </Code>
      </Stack>
    </Paper>
  );
}

export function IdentityProviders() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const providers = useQuery(trpc.identityProvider.list.queryOptions());
  const [editing, setEditing] = useState<IdentityProvider | "new" | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.identityProvider.list.queryKey() });

  return (
    <Stack>
      <Text size="sm" c="dimmed" maw={760}>
        {t("settings.sso.help")}
      </Text>
      {providers.isPending && <Loading rows={3} />}
      {providers.error && <ErrorState error={providers.error} onRetry={() => void providers.refetch()} />}
      {editing !== null && (
        <ProviderForm
          key={editing === "new" ? "new" : editing.id}
          provider={editing === "new" ? null : editing}
          onDone={(saved) => {
            setEditing(null);
            if (saved) void refresh();
          }}
        />
      )}
      {providers.data?.length === 0 && editing === null && (
        <EmptyState
          title={t("settings.sso.none")}
          action={<Button onClick={() => setEditing("new")}>{t("settings.sso.add")}</Button>}
        >
          {t("settings.sso.noneHelp")}
        </EmptyState>
      )}
      {providers.data?.map((provider) => (
        <ProviderCard key={provider.id} provider={provider} onEdit={() => setEditing(provider)} onSaved={() => void refresh()} />
      ))}
      {providers.data && providers.data.length > 0 && editing === null && (
        <Group>
          <Button variant="light" onClick={() => setEditing("new")}>
            {t("settings.sso.add")}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
