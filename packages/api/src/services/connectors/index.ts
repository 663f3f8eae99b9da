// Connectors: plug-ins that bring data in (sources: attendance…) and send results out (sinks: payroll…),
// each in its own folder and registered by name (registry.ts), configured per region (config.ts) and run
// as jobs with a per-row report (runs.ts).
// The only door into this folder: routers and other folders import from here.
export type { Connector, RowProblem, SinkConnector, SinkFormat, SourceConnector, SourceInput, SourceRead, UnattendedSource } from "./connector.js";
export { connectorNamed, connectors, registerConnector } from "./registry.js";
export { checkMapping, configureConnector, connectorSetup, connectorTemplate, listConnectors, type ConnectorChange, type ConnectorView } from "./config.js";
export { connectorRuns, decideSourceRun, runSink, startFetchRun, startSourceRun, type ConnectorRunStatus, type ReviewDecision, type SourceRunInput } from "./runs.js";
export { ConnectorScheduler, connectorSchedules, nextRunAfter, SCHEDULE_LIMITS, setConnectorSchedule, type ConnectorSchedulerOptions, type ScheduleChange, type ScheduleView } from "./schedules.js";
export { recapPeriod, worklogConnector, type WorklogMapping } from "./worklogs/index.js";
export { attendanceConnector, periodRange, type AbsenceCount, type AttendanceMapping } from "./attendance/index.js";
export { absenceCounts } from "./attendance/evidence.js";
export { addLeave, attendanceDetail, listHolidays, listLeave, setHolidays, type AttendanceDetail, type Holiday, type LeaveEntry } from "./attendance/entries.js";
export { attendanceFeeds } from "./attendance/feeds.js";
export { kinerjaSubmissions, startKinerjaSend, type EmployeeSubmission, type ResendChoice } from "./siasn-kinerja/send.js";
