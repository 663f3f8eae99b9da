// "Keluar": an employee who left the region (the SIASN employee master no longer lists them). Their records
// stay where they were; the badge says so, with when and why on hover, on focus, or on a tap on a phone.
// The explanation is a small tooltip of its own, placed against the window (so a scrolling table does not
// clip it): Mantine's Tooltip would bring its positioning library into the first load of the cycle and
// employee screens, about 20 KB gzip, for one line of text.
import { Badge } from "@mantine/core";
import { useCallback, useEffect, useId, useRef, useState, type CSSProperties } from "react";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "../i18n";

const TIP_WIDTH = 280;
const MARGIN = 8;

function formatDate(iso: string, lang: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "id-ID", { dateStyle: "medium" }).format(date);
}

/** Where the tip goes: under the badge, kept inside the window's width. */
function tipPlace(anchor: HTMLElement): CSSProperties {
  const box = anchor.getBoundingClientRect();
  const width = Math.min(TIP_WIDTH, window.innerWidth - 2 * MARGIN);
  const left = Math.max(MARGIN, Math.min(box.left, window.innerWidth - width - MARGIN));
  return { top: box.bottom + 6, left, maxWidth: width };
}

export function LeftBadge(props: { at: string | null | undefined; reason?: string | null }) {
  const { t, i18n } = useTranslation();
  const tipId = useId();
  const anchor = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState<CSSProperties | null>(null);
  const open = useCallback(() => {
    if (anchor.current) setPlace(tipPlace(anchor.current));
  }, []);
  const close = useCallback(() => setPlace(null), []);
  useEffect(() => {
    if (!place) return;
    // The tip is placed once: anything that moves the page closes it.
    window.addEventListener("scroll", close, true);
    window.addEventListener("resize", close);
    return () => {
      window.removeEventListener("scroll", close, true);
      window.removeEventListener("resize", close);
    };
  }, [place, close]);
  if (!props.at) return null;
  const lang = i18n.language === "en" ? "en" : currentLanguage();
  const since = t("left.since", { date: formatDate(props.at, lang) });
  const label = props.reason ? `${since}. ${t("left.reason", { reason: props.reason })}` : since;
  return (
    <>
      <Badge
        ref={anchor}
        color="orange"
        variant="light"
        size="sm"
        tabIndex={0}
        aria-label={`${t("left.badge")}: ${label}`}
        aria-describedby={place ? tipId : undefined}
        data-testid="left-badge"
        style={{ cursor: "help", flexShrink: 0 }}
        onMouseEnter={open}
        onMouseLeave={close}
        onFocus={open}
        onBlur={close}
        onKeyDown={(e) => {
          if (e.key === "Escape") close();
        }}
        onClick={(e) => {
          // A tap on a phone opens it (a tap elsewhere takes the focus, and closes it); the row's own click is
          // not set off.
          e.stopPropagation();
          open();
        }}
      >
        {t("left.badge")}
      </Badge>
      {place && (
        <span
          role="tooltip"
          id={tipId}
          style={{
            position: "fixed",
            zIndex: 300,
            ...place,
            padding: "6px 10px",
            borderRadius: "var(--mantine-radius-sm)",
            background: "var(--mantine-color-dark-6)",
            color: "var(--mantine-color-white)",
            fontSize: "var(--mantine-font-size-sm)",
            lineHeight: 1.4,
            pointerEvents: "none",
          }}
        >
          {label}
        </span>
      )}
    </>
  );
}
