// A small JSON value edited as text (a condition, a table cell, a test case's input): applied when the
// field loses focus and the text is valid JSON, otherwise the error stays under the field.
import { Textarea } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";

export function JsonField(props: { label: string; value: unknown; onChange(value: unknown): void; minRows?: number; description?: string }) {
  const { t } = useTranslation();
  const formatted = JSON.stringify(props.value ?? null, null, 2);
  const [text, setText] = useState(formatted);
  const [seen, setSeen] = useState(formatted);
  const [error, setError] = useState<string | null>(null);
  if (formatted !== seen) {
    // The value changed elsewhere (the JSON tab, another field): show the new one.
    setSeen(formatted);
    setText(formatted);
    setError(null);
  }
  return (
    <Textarea
      label={props.label}
      description={props.description}
      value={text}
      autosize
      minRows={props.minRows ?? 2}
      maxRows={14}
      classNames={{ input: "mono" }}
      error={error}
      onChange={(event) => setText(event.currentTarget.value)}
      onBlur={() => {
        try {
          const parsed: unknown = JSON.parse(text);
          setError(null);
          if (JSON.stringify(parsed) !== JSON.stringify(props.value)) props.onChange(parsed);
        } catch (e) {
          setError(t("rules.form.invalidJson", { message: e instanceof Error ? e.message : String(e) }));
        }
      }}
    />
  );
}
