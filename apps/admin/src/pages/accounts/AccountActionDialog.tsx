// The dialog of one account action from the accounts page's menu: a temporary password to set (shown once,
// to pass on), or the question before disabling, enabling or ending the sessions. Loaded when an action is
// first chosen.
import { Button, Group, Modal, Stack, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/errors";
import { useRegionId } from "../../lib/session";
import { useTRPC, type RouterOutputs } from "../../lib/trpc";
import { MIN_PASSWORD, PasswordField } from "./credentials";

type Account = RouterOutputs["account"]["list"][number];
export type Action = "disable" | "enable" | "endSessions" | "temporary";

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

export function AccountActionDialog(props: { account: Account; login: string; action: Action; onClose(): void }) {
  const { t } = useTranslation();
  const { account, action } = props;
  return (
    <Modal opened onClose={props.onClose} title={t(`accounts.actions.${action}`)} size="md">
      {action === "temporary" ? (
        <TemporaryPassword account={account} login={props.login} onClose={props.onClose} />
      ) : (
        <Confirm account={account} action={action} onClose={props.onClose} />
      )}
    </Modal>
  );
}
