// The frame of every signed-in screen: header (region, notifications, language, account), navigation by role, and the
// main area. The navigation folds behind a menu button below tablet width.
import { AppShell, Badge, Box, Burger, Button, Group, NavLink, Text, Title, VisuallyHidden } from "@mantine/core";
import { useDisclosure, useMediaQuery } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import type { Role } from "../lib/auth";
import { clearErrors } from "../lib/notify";
import { useSession } from "../lib/session";
import { useTRPC } from "../lib/trpc";
import { LanguageSwitch } from "./LanguageSwitch";
import { Select } from "./LazySelect";
import { NotificationBell } from "./NotificationBell";

interface NavItem {
  to: string;
  label: string;
  roles: Role[];
  /** Shown only to a member of an evaluation forum session (forum.memberSessions). */
  forumMember?: true;
}

const NAV: NavItem[] = [
  { to: "/", label: "nav.dashboard", roles: ["operator", "admin"] },
  { to: "/rules", label: "nav.rules", roles: ["operator", "admin"] },
  { to: "/organisation", label: "nav.organisation", roles: ["operator", "admin"] },
  { to: "/cycles", label: "nav.cycles", roles: ["operator", "admin"] },
  { to: "/team", label: "nav.team", roles: ["operator", "admin", "assessor"] },
  { to: "/appeals", label: "nav.appeals", roles: ["operator", "admin", "assessor"] },
  { to: "/accounts", label: "nav.accounts", roles: ["operator", "admin"] },
  { to: "/audit", label: "nav.audit", roles: ["operator", "admin"] },
  { to: "/regions", label: "nav.regions", roles: ["operator"] },
  { to: "/baselines", label: "nav.baselines", roles: ["operator"] },
  { to: "/plan", label: "nav.myPlan", roles: ["assessor", "employee"] },
  { to: "/dialogues", label: "nav.dialogues", roles: ["assessor", "employee"] },
  { to: "/feedback", label: "nav.feedbackInbox", roles: ["assessor", "employee"] },
  { to: "/assessments", label: "nav.myAssessments", roles: ["assessor", "employee"] },
  { to: "/cycles", label: "nav.teamResults", roles: ["assessor"] },
  { to: "/me", label: "nav.myResult", roles: ["employee", "assessor"] },
  { to: "/attendance", label: "nav.myAttendance", roles: ["employee", "assessor"] },
  { to: "/forum", label: "nav.forumMember", roles: ["employee", "assessor"], forumMember: true },
  { to: "/integrations", label: "nav.integrations", roles: ["operator", "admin"] },
  { to: "/settings", label: "nav.settings", roles: ["operator", "admin"] },
  { to: "/api-webhook", label: "nav.apiWebhook", roles: ["operator", "admin"] },
  { to: "/account", label: "nav.myAccount", roles: ["operator", "admin", "assessor", "employee"] },
];

function isActive(pathname: string, to: string): boolean {
  return to === "/" ? pathname === "/" : pathname === to || pathname.startsWith(`${to}/`);
}

export function RegionSwitch(props: { width?: number | string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { user, regionId, setRegionId } = useSession();
  const regions = useQuery(trpc.region.list.queryOptions());
  const data = (regions.data ?? []).map((r) => ({ value: r.id, label: r.name }));
  if (user.role !== "operator") {
    const name = regions.data?.find((r) => r.id === regionId)?.name ?? regionId ?? "";
    return (
      <Text size="sm" fw={600} visibleFrom="xs" data-testid="region-name">
        {name}
      </Text>
    );
  }
  return (
    <Select
      aria-label={t("layout.region")}
      placeholder={t("layout.chooseRegion")}
      data={data}
      value={regionId}
      onChange={(value) => value && setRegionId(value)}
      w={props.width ?? 220}
      size="sm"
      allowDeselect={false}
      disabled={regions.isPending}
      data-testid="region-switch"
    />
  );
}

/** Whether the signed-in employee or assessor sits in any evaluation forum session, for the menu. */
function useForumMember(role: Role): boolean {
  const trpc = useTRPC();
  const { regionId } = useSession();
  const sits = role === "employee" || role === "assessor";
  const sessions = useQuery({ ...trpc.forum.memberSessions.queryOptions({ regionId: regionId ?? "" }), enabled: sits && Boolean(regionId), staleTime: 60_000 });
  return (sessions.data?.length ?? 0) > 0;
}

export function AppLayout(props: { children: ReactNode }) {
  const { t } = useTranslation();
  const { user, signOut } = useSession();
  const [opened, { toggle, close }] = useDisclosure();
  const { pathname } = useLocation();
  const forumMember = useForumMember(user.role);
  const items = NAV.filter((item) => item.roles.includes(user.role) && (!item.forumMember || forumMember));
  // On a phone the operator's region choice moves into the menu, so the header keeps the bell and sign-out.
  const regionInMenu = useMediaQuery("(max-width: 47.99em)") && user.role === "operator";
  // An error toast is about the page it came from: leaving the page (or signing out) closes it.
  useEffect(() => clearErrors, [pathname]);

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 230, breakpoint: "md", collapsed: { mobile: !opened } }} padding="md">
      <a className="skip-link" href="#main">
        {t("layout.skipToContent")}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="md" size="sm" aria-label={t("layout.menu")} />
            <Title order={1} size="h3" c="blue.8">
              Kinerja
            </Title>
            {!regionInMenu && <RegionSwitch />}
          </Group>
          <Group gap="sm" wrap="nowrap">
            <NotificationBell />
            <LanguageSwitch />
            <Group gap={6} visibleFrom="md" wrap="nowrap">
              <Text size="sm" data-testid="user-name">
                {user.name}
              </Text>
              <Badge variant="light">{t(`roles.${user.role}`)}</Badge>
            </Group>
            <Button variant="default" size="xs" onClick={() => void signOut()}>
              {t("layout.signOut")}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t("layout.navigation")}>
        <VisuallyHidden>
          <h2>{t("layout.navigation")}</h2>
        </VisuallyHidden>
        {regionInMenu && (
          <Box mb="xs">
            <RegionSwitch width="100%" />
          </Box>
        )}
        {items.map((item) => (
          <NavLink
            key={`${item.to}-${item.label}`}
            component={Link}
            to={item.to}
            label={t(item.label)}
            active={isActive(pathname, item.to)}
            onClick={close}
            aria-current={isActive(pathname, item.to) ? "page" : undefined}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        {props.children}
      </AppShell.Main>
    </AppShell>
  );
}
