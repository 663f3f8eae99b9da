// Every connector, by name. A new connector is its own folder here (its code and its default mapping.json)
// and one line below; nothing else in the API names it.
import { DomainError } from "../lib/index.js";
import { attendanceConnector } from "./attendance/index.js";
import type { Connector, SinkConnector, SourceConnector } from "./connector.js";
import { payrollConnector } from "./payroll/index.js";
import { siasnConnector } from "./siasn/index.js";
import { siasnKinerjaConnector } from "./siasn-kinerja/index.js";
import { worklogConnector } from "./worklogs/index.js";

const CONNECTORS: Connector[] = [
  attendanceConnector as unknown as Connector,
  payrollConnector as unknown as Connector,
  worklogConnector as unknown as Connector,
  siasnConnector as unknown as Connector,
  siasnKinerjaConnector as unknown as Connector,
];

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

/**
 * Registers a connector beside the shipped ones, for an embedder's own plug-in or a test's; the function it
 * returns takes it out again. A name already registered is refused.
 */
export function registerConnector(connector: Connector): () => void {
  if (CONNECTORS.some((c) => c.name === connector.name)) throw new DomainError({ code: "CONFLICT", message: `Konektor "${connector.name}" sudah terdaftar` });
  CONNECTORS.push(connector);
  return () => {
    const at = CONNECTORS.indexOf(connector);
    if (at >= 0) CONNECTORS.splice(at, 1);
  };
}
