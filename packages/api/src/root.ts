// The whole API: one router per topic.
import { accountRouter } from "./router/account.js";
import { assessmentRouter } from "./router/assessment.js";
import { auditRouter } from "./router/audit.js";
import { baselineRouter } from "./router/baseline.js";
import { cycleRouter } from "./router/cycle.js";
import { employeeRouter } from "./router/employee.js";
import { regionRouter } from "./router/region.js";
import { resultRouter } from "./router/result.js";
import { ruleSetRouter } from "./router/rule-set.js";
import { unitRouter } from "./router/unit.js";
import { dialogueRouter } from "./router/dialogue.js";
import { feedbackRouter } from "./router/feedback.js";
import { planRouter } from "./router/plan.js";
import { workEntryRouter } from "./router/work-entry.js";
import { appealRouter } from "./router/appeal.js";
import { followUpRouter } from "./router/follow-up.js";
import { forumRouter } from "./router/forum.js";
import { raterQualityRouter } from "./router/rater-quality.js";
import { notificationRouter } from "./router/notification.js";
import { identityProviderRouter } from "./router/identity-provider.js";
import { connectorRouter } from "./router/connector.js";
import { integrationRouter } from "./router/integration.js";
import { createTRPCRouter } from "./trpc.js";

export const appRouter = createTRPCRouter({
  identityProvider: identityProviderRouter,
  connector: connectorRouter,
  region: regionRouter,
  account: accountRouter,
  unit: unitRouter,
  employee: employeeRouter,
  ruleSet: ruleSetRouter,
  baseline: baselineRouter,
  cycle: cycleRouter,
  assessment: assessmentRouter,
  result: resultRouter,
  audit: auditRouter,
  plan: planRouter,
  workEntry: workEntryRouter,
  feedback: feedbackRouter,
  dialogue: dialogueRouter,
  forum: forumRouter,
  appeal: appealRouter,
  followUp: followUpRouter,
  raterQuality: raterQualityRouter,
  notification: notificationRouter,
  integration: integrationRouter,
});

export type AppRouter = typeof appRouter;
