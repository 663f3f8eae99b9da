// How a plan's status is shown.
export const PLAN_COLORS = { draft: "gray", submitted: "blue", revision: "orange", rejected: "red", approved: "teal" } as const;
export const EDITABLE = new Set(["draft", "revision", "rejected"]);
