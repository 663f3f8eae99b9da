// Notifications: portal notifications and mail for a region's events, the outbox and its sender, templates,
// preferences, the reminder schedule and daily digests. Events call `notify` (or `enqueueMail` for a mail
// of their own words) inside their transaction; the server runs one `MailSender`.
// The only door into this folder: routers and other folders import from here.
export { notify, enqueueMail, regionAdmins, hasMailbox, type Notice, type MailToQueue, type Preference } from "./notify.js";
export { MailSender, smtpTransport, mailConfigured, type MailSenderOptions, type MailTransport, type OutgoingMail } from "./sender.js";
export * from "./templates.js";
export * from "./inbox.js";
export * from "./outbox.js";
export * from "./schedule.js";
export { sendDigests, digestCut } from "./digest.js";
export { sendReminders } from "./reminders.js";
export { queueInvitations, ACTIVATION_PAGE, type Invitation } from "./invitations.js";
