import { caseEventsTable } from '../../../platform/workflow/index.js';

/** The 申报 timeline (`policy_application_events`), read in the order written. */
export const applicationEvents = caseEventsTable('policy_application_events', 'application_id');
