// "Keluar": an employee who left the region (the SIASN employee master no longer lists them). Their records
// stay where they were; the badge says so, with when and why on hover, on focus, or on a tap on a phone.
import { Badge, Tooltip } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "../i18n";

function formatDate(iso: string, lang: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "id-ID", { dateStyle: "medium" }).format(date);
}

export function LeftBadge(props: { at: string | null | undefined; reason?: string | null }) {
  const { t, i18n } = useTranslation();
  if (!props.at) return null;
  const lang = i18n.language === "en" ? "en" : currentLanguage();
  const since = t("left.since", { date: formatDate(props.at, lang) });
  const label = props.reason ? `${since}. ${t("left.reason", { reason: props.reason })}` : since;
  return (
    <Tooltip label={label} multiline maw={280} events={{ hover: true, focus: true, touch: true }} withArrow>
      <Badge
        color="orange"
        variant="light"
        size="sm"
        tabIndex={0}
        aria-label={`${t("left.badge")}: ${label}`}
        data-testid="left-badge"
        style={{ cursor: "help", flexShrink: 0 }}
        onClick={(e) => e.stopPropagation()}
      >
        {t("left.badge")}
      </Badge>
    </Tooltip>
  );
}
