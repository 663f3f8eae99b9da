// What an admin does to one of the region's accounts after creating it: disable it (it cannot sign in and
// its sessions end) or enable it again, set a temporary password its holder must change at the next
// sign-in (shown once, to pass on), and end all its sessions. Each asks first; the server audits each.
// The dialog of each (AccountActionDialog) loads when an action is first chosen.
import { Badge, Box, Button, Menu } from "@mantine/core";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSession } from "../../lib/session";
import type { RouterOutputs } from "../../lib/trpc";
import type { Action } from "./AccountActionDialog";

const AccountActionDialog = lazy(() => import("./AccountActionDialog").then((module) => ({ default: module.AccountActionDialog })));

type Account = RouterOutputs["account"]["list"][number];

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
      {action !== null && (
        <Suspense fallback={null}>
          <AccountActionDialog account={account} login={props.login} action={action} onClose={close} />
        </Suspense>
      )}
    </>
  );
}
