// Every connector, by name. A new connector is its own folder here (its code and its default mapping.json)
// and one line below; nothing else in the API names it.
import { DomainError } from "../lib/index.js";
import { attendanceConnector } from "./attendance/index.js";
import type { Connector, SinkConnector, SourceConnector } from "./connector.js";
import { payrollConnector } from "./payroll/index.js";
import { siasnConnector } from "./siasn/index.js";

const CONNECTORS: readonly Connector[] = [attendanceConnector as unknown as Connector, payrollConnector as unknown as Connector, siasnConnector as unknown as Connector];

export function connectors(): readonly Connector[] {
  return CONNECTORS;
}

/** The connector registered as `name`, or NOT_FOUND. */
export function connectorNamed(name: string): Connector {
  const found = CONNECTORS.find((c) => c.name === name);
  if (!found) throw new DomainError({ code: "NOT_FOUND", message: `Konektor "${name}" tidak ada; yang ada: ${CONNECTORS.map((c) => c.name).join(", ")}` });
  return found;
}

export function sourceNamed(name: string): SourceConnector<unknown, unknown> {
  const found = connectorNamed(name);
  if (found.kind !== "source") throw new DomainError({ code: "BAD_REQUEST", message: `Konektor "${name}" mengirim data keluar, bukan mengimpor (a sink, not a source)` });
  return found;
}

export function sinkNamed(name: string): SinkConnector<unknown> {
  const found = connectorNamed(name);
  if (found.kind !== "sink") throw new DomainError({ code: "BAD_REQUEST", message: `Konektor "${name}" mengimpor data, bukan menghasilkan berkas (a source, not a sink)` });
  return found;
}
