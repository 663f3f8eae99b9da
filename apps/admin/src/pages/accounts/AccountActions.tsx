// What an admin does to one of the region's accounts after creating it: disable it (it cannot sign in and
// its sessions end) or enable it again, set a temporary password its holder must change at the next
// sign-in (shown once, to pass on), and end all its sessions. Each asks first; the server audits each.
import { Badge, Box, Button, Group, Menu, Modal, Stack, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/errors";
import { useRegionId, useSession } from "../../lib/session";
import { useTRPC, type RouterOutputs } from "../../lib/trpc";
import { MIN_PASSWORD, PasswordField } from "./credentials";

type Account = RouterOutputs["account"]["list"][number];
type Action = "disable" | "enable" | "endSessions" | "temporary";

/** Aktif, Nonaktif, or waiting for the holder to replace a temporary password. */
export function AccountStatus(props: { account: Pick<Account, "disabledAt" | "mustChangePassword"> }) {
  const { t } = useTranslation();
  const { account } = props;
  const [color, label] = account.disabledAt ? ["red", "disabled"] : account.mustChangePassword ? ["yellow", "mustChange"] : ["teal", "active"];
  return (
    <Badge color={color} variant="light" miw="max-content">
      {t(`accounts.status.${label}`)}
    </Badge>
  );
}

function TemporaryPassword(props: { account: Account; login: string; onClose(): void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const queryClient = useQueryClient();
  const set = useMutation(trpc.account.setTemporaryPassword.mutationOptions());
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | undefined>(undefined);
  if (set.data) {
    return (
      <Stack data-testid="temporary-password">
        <Text>{t("accounts.temporary.set", { name: props.account.name })}</Text>
        <Table withTableBorder>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={140}>{t("accounts.login")}</Table.Th>
              <Table.Td className="mono">{props.login}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t("accounts.temporary.password")}</Table.Th>
              <Table.Td className="mono">{set.data.password}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
        <Text size="sm" c="dimmed">{t("accounts.temporary.passOn")}</Text>
        <Group justify="flex-end">
          <Button onClick={props.onClose}>{t("accounts.done")}</Button>
        </Group>
      </Stack>
    );
  }
  return (
    <form
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        if (password && password.length < MIN_PASSWORD) {
          setError(t("accounts.passwordShort", { min: MIN_PASSWORD }));
          return;
        }
        try {
          await set.mutateAsync({ regionId, id: props.account.id, ...(password ? { password } : {}) });
          await queryClient.invalidateQueries({ queryKey: trpc.account.list.queryKey({ regionId }) });
        } catch (caught) {
          setError(errorMessage(caught, t));
        }
      }}
    >
      <Stack>
        <Text size="sm">{t("accounts.temporary.help", { name: props.account.name })}</Text>
        <PasswordField
          label={t("accounts.temporary.password")}
          description={t("accounts.temporary.fieldHelp", { min: MIN_PASSWORD })}
          required={false}
          value={password}
          error={error}
          onChange={(value) => {
            setPassword(value);
            setError(undefined);
          }}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={set.isPending}>
            {t("accounts.temporary.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Asks before disabling, enabling or signing the account out everywhere, then does it. */
function Confirm(props: { account: Account; action: Exclude<Action, "temporary">; onClose(): void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const queryClient = useQueryClient();
  const disable = useMutation(trpc.account.disable.mutationOptions());
  const enable = useMutation(trpc.account.enable.mutationOptions());
  const endSessions = useMutation(trpc.account.endSessions.mutationOptions());
  const mutation = { disable, enable, endSessions }[props.action];
  const { name } = props.account;
  return (
    <Stack>
      <Text>{t(`accounts.confirm.${props.action}`, { name, count: props.account.activeSessions })}</Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={props.onClose}>
          {t("common.cancel")}
        </Button>
        <Button
          color={props.action === "enable" ? "blue" : "red"}
          loading={mutation.isPending}
          onClick={async () => {
            try {
              await mutation.mutateAsync({ regionId, id: props.account.id });
              notifications.show({ color: "teal", message: t(`accounts.result.${props.action}`, { name }) });
              props.onClose();
            } catch (error) {
              notifications.show({ color: "red", title: t("accounts.notChanged"), message: errorMessage(error, t), autoClose: false });
            }
            await queryClient.invalidateQueries({ queryKey: trpc.account.list.queryKey({ regionId }) });
          }}
        >
          {t(`accounts.actions.${props.action}`)}
        </Button>
      </Group>
    </Stack>
  );
}

export function AccountActions(props: { account: Account; login: string }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const [action, setAction] = useState<Action | null>(null);
  const { account } = props;
  const own = account.id === user.id;
  const close = () => setAction(null);
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default" size="xs" aria-label={t("accounts.actions.for", { name: account.name })}>
            <Box component="span" visibleFrom="sm" mr={4}>
              {t("accounts.actions.label")}
            </Box>
            ▾
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {account.disabledAt ? (
            <Menu.Item onClick={() => setAction("enable")}>{t("accounts.actions.enable")}</Menu.Item>
          ) : (
            <Menu.Item color="red" disabled={own} onClick={() => setAction("disable")}>
              {t("accounts.actions.disable")}
            </Menu.Item>
          )}
          <Menu.Item disabled={own || account.disabledAt !== null} onClick={() => setAction("temporary")}>
            {t("accounts.actions.temporary")}
          </Menu.Item>
          <Menu.Item disabled={account.activeSessions === 0} onClick={() => setAction("endSessions")}>
            {t("accounts.actions.endSessions")}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal opened={action !== null} onClose={close} title={action ? t(`accounts.actions.${action}`) : ""} size="md">
        {action === "temporary" && <TemporaryPassword account={account} login={props.login} onClose={close} />}
        {action !== null && action !== "temporary" && <Confirm account={account} action={action} onClose={close} />}
      </Modal>
    </>
  );
}
