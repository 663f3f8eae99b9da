// A rating on a short scale (1–5, 1–4) as one row of choices, by the WAI-ARIA radio group pattern: one
// tab stop, arrow keys and Home/End move the choice, Space or a click picks a value. The choices are
// buttons whose checked state React alone holds. Hidden native radios behind labels lost real clicks: the
// form re-renders as the pointer lands (the guidance beside it follows the indicator in focus), and the
// browser's click on the radio that follows the label's was then undone as a controlled input's restore.
import { Box, Button, Input } from "@mantine/core";
import { useId, useRef, type KeyboardEvent, type ReactNode } from "react";

export interface ChoiceScaleProps {
  label: ReactNode;
  choices: number[];
  value: number | undefined;
  /** Under the label: what the chosen value means, or that a value is still to be chosen. */
  description: ReactNode;
  /** A word for each value where the scale names them, shown on hover. */
  titles?: Record<string, string>;
  disabled?: boolean;
  onChange(value: number): void;
  "data-testid"?: string;
}

const MOVES: Record<string, (index: number, count: number) => number> = {
  ArrowRight: (i, n) => (i + 1) % n,
  ArrowDown: (i, n) => (i + 1) % n,
  ArrowLeft: (i, n) => (i - 1 + n) % n,
  ArrowUp: (i, n) => (i - 1 + n) % n,
  Home: () => 0,
  End: (_, n) => n - 1,
};

export function ChoiceScale(props: ChoiceScaleProps) {
  const id = useId();
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);
  const { choices, value } = props;
  const checkedIndex = value === undefined ? -1 : choices.indexOf(value);
  const tabStop = Math.max(checkedIndex, 0);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const move = MOVES[event.key];
    if (!move || props.disabled) return;
    event.preventDefault();
    const from = buttons.current.findIndex((button) => button === document.activeElement);
    const to = move(from < 0 ? tabStop : from, choices.length);
    const next = choices[to];
    if (next === undefined) return;
    buttons.current[to]?.focus();
    props.onChange(next);
  };

  return (
    <Input.Wrapper id={id} labelElement="div" label={props.label} description={props.description}>
      <Box
        className="choice-scale"
        role="radiogroup"
        aria-labelledby={`${id}-label`}
        aria-describedby={`${id}-description`}
        aria-disabled={props.disabled || undefined}
        data-testid={props["data-testid"]}
        onKeyDown={onKeyDown}
        mt={4}
      >
        {choices.map((choice, index) => {
          const checked = index === checkedIndex;
          return (
            <Button
              key={choice}
              ref={(node) => {
                buttons.current[index] = node;
              }}
              role="radio"
              aria-checked={checked}
              tabIndex={index === tabStop ? 0 : -1}
              title={props.titles?.[String(choice)]}
              // A locked sheet still shows its value: disabled choices stay readable and focusable.
              aria-disabled={props.disabled || undefined}
              variant={checked ? (props.disabled ? "light" : "filled") : "default"}
              c={props.disabled && !checked ? "dimmed" : undefined}
              onClick={() => {
                if (!props.disabled) props.onChange(choice);
              }}
              style={{ cursor: props.disabled ? "not-allowed" : undefined }}
              px={4}
            >
              {choice}
            </Button>
          );
        })}
      </Box>
    </Input.Wrapper>
  );
}
