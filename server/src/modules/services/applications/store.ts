/** Where the case kit (platform/workflow) keeps 办件: their table, their timeline, their audited picture. */
import type { ServiceApplicationRow } from '../../../db/schema-service-applications.js';
import { caseEventsTable, type CaseStore } from '../../../platform/workflow/index.js';
import { snapshotOf } from './presenter.js';

/** The 办件 timeline, read by when each event happened (then as written). */
export const applicationEvents = caseEventsTable('service_application_events', 'application_id', { order: 'time' });

export const applicationStore: CaseStore<ServiceApplicationRow> = {
  table: 'service_applications',
  entity: 'service_application',
  subject: '办件',
  events: applicationEvents,
  snapshot: snapshotOf,
};
