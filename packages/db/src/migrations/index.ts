// Every migration, by name. Names start with an ISO date so they sort in the order they were written;
// a migration is frozen once merged: it takes Kysely<any> and imports nothing of ours.
import type { Kysely } from "kysely";
import * as regionsAndAuth from "./2025-07-01_01_regions_and_auth.js";
import * as unitsAndEmployees from "./2025-07-01_02_units_and_employees.js";
import * as ruleSetsCyclesResults from "./2025-07-01_03_rule_sets_cycles_results.js";
import * as auditLog from "./2025-07-01_04_audit_log.js";
import * as plansEntries from "./2025-08-01_05_plans_entries.js";
import * as assessmentWorkflow from "./2025-08-01_06_assessment_workflow.js";
import * as accountEmployeeLink from "./2026-12-01_07_account_employee_link.js";
import * as accountLifecycle from "./2026-12-02_08_account_lifecycle.js";
import * as signInLimits from "./2026-12-02_09_sign_in_limits.js";
import * as jobLeases from "./2026-12-03_10_job_leases.js";
import * as ruleSetRevision from "./2026-12-04_11_rule_set_revision.js";
import * as accountActivation from "./2026-12-05_12_account_activation.js";
import * as notifications from "./2026-12-05_13_notifications.js";
import * as identityProviders from "./2026-12-05_14_identity_providers.js";
import * as peersAndCalibration from "./2026-12-05_15_peers_and_calibration.js";
import * as appealDeciders from "./2026-12-05_16_appeal_deciders.js";
import * as resultsPageIndexes from "./2026-12-06_17_results_page_indexes.js";
import * as importedHistory from "./2026-12-07_18_imported_history.js";
import * as employeeImportJobs from "./2026-12-07_19_employee_import_jobs.js";
import * as nationalBaselines from "./2026-12-07_20_national_baselines.js";
import * as annualRollup from "./2026-12-08_19_annual_rollup.js";
import * as connectors from "./2026-12-09_21_connectors.js";
import * as apiTokens from "./2026-12-09_22_api_tokens.js";
import * as nationalAuditLog from "./2026-12-09_23_national_audit_log.js";
import * as forumViews from "./2026-12-10_25_forum_views.js";
import * as employeeDepartures from "./2026-12-11_26_employee_departures.js";
import * as connectorSchedules from "./2026-12-11_27_connector_schedules.js";
import * as regionPartitionsAndRunBatches from "./2026-12-11_28_region_partitions_and_run_batches.js";
import * as siasnSubmissions from "./2026-12-12_29_siasn_submissions.js";
import * as accountDepartures from "./2026-12-12_30_account_departures.js";

export interface DialectMigration {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as kysely's own Migration
  up(db: Kysely<any>, dialect: "sqlite" | "postgres"): Promise<void>;
}

export const migrations: Record<string, DialectMigration> = {
  "2025-07-01_01_regions_and_auth": regionsAndAuth,
  "2025-07-01_02_units_and_employees": unitsAndEmployees,
  "2025-07-01_03_rule_sets_cycles_results": ruleSetsCyclesResults,
  "2025-07-01_04_audit_log": auditLog,
  "2025-08-01_05_plans_entries": plansEntries,
  "2025-08-01_06_assessment_workflow": assessmentWorkflow,
  "2026-12-01_07_account_employee_link": accountEmployeeLink,
  "2026-12-02_08_account_lifecycle": accountLifecycle,
  "2026-12-02_09_sign_in_limits": signInLimits,
  "2026-12-03_10_job_leases": jobLeases,
  "2026-12-04_11_rule_set_revision": ruleSetRevision,
  "2026-12-05_12_account_activation": accountActivation,
  "2026-12-05_13_notifications": notifications,
  "2026-12-05_14_identity_providers": identityProviders,
  "2026-12-05_15_peers_and_calibration": peersAndCalibration,
  "2026-12-05_16_appeal_deciders": appealDeciders,
  "2026-12-06_17_results_page_indexes": resultsPageIndexes,
  "2026-12-07_18_imported_history": importedHistory,
  "2026-12-07_19_employee_import_jobs": employeeImportJobs,
  "2026-12-07_20_national_baselines": nationalBaselines,
  "2026-12-08_19_annual_rollup": annualRollup,
  "2026-12-09_21_connectors": connectors,
  "2026-12-09_22_api_tokens": apiTokens,
  "2026-12-09_23_national_audit_log": nationalAuditLog,
  "2026-12-10_25_forum_views": forumViews,
  "2026-12-11_26_employee_departures": employeeDepartures,
  "2026-12-11_27_connector_schedules": connectorSchedules,
  "2026-12-11_28_region_partitions_and_run_batches": regionPartitionsAndRunBatches,
  "2026-12-12_29_siasn_submissions": siasnSubmissions,
  "2026-12-12_30_account_departures": accountDepartures,
};
