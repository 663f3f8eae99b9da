// Case-insensitive substring search that reads the same on SQLite and PostgreSQL.
import { sql, type RawBuilder } from "kysely";

/** `column` contains `text`, ignoring case; % and _ in the text match themselves. */
export function contains(column: string, text: string): RawBuilder<boolean> {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}
