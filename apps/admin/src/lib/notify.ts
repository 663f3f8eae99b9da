// Error toasts: an error stays long enough to read (or until closed) and belongs to the page it came from,
// so moving to another page clears it (AppLayout calls clearErrors on every navigation). Any red toast
// counts as an error, whoever showed it.
import { notifications, notificationsStore } from "@mantine/notifications";
import type { ReactNode } from "react";

export const ERROR_TOAST_MS = 12_000;
const ERROR_COLOR = "red";

export function notifyError(toast: { title?: ReactNode; message: ReactNode }): void {
  notifications.show({ color: ERROR_COLOR, title: toast.title, message: toast.message, autoClose: ERROR_TOAST_MS });
}

/** Closes every error toast showing or waiting to show. */
export function clearErrors(): void {
  const { notifications: shown, queue } = notificationsStore.getState();
  for (const toast of [...shown, ...queue]) if (toast.color === ERROR_COLOR && toast.id) notifications.hide(toast.id);
}
