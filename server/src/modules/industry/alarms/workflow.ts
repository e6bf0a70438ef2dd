import { ALARM_STATUS_LABELS, type AlarmStatus } from '@yuanqi/contract';
import { defineWorkflow, requireNote, caseEventsTable, type CaseStore, type NoteInput } from '../../../platform/workflow/index.js';
import type { IotAlarmsTable } from '../../../db/schema-industry.js';
import type { Selectable } from 'kysely';

export type AlarmRow = Selectable<IotAlarmsTable>;

/**
 * Who may take an alarm's step:
 * - `firm`: the staff of the firm whose device raised it (industry:report, own firm);
 * - `liaison`: the firm's liaison (industry:report);
 * - `office`: dispatchers and admins (industry:manage);
 * - `system`: evaluation and the sweep (the condition ended, or came back before anyone closed it).
 */
export const ALARM_PARTIES = { firm: '本企业人员', liaison: '企业联络员', office: '调度专班或管理员', system: '系统' } as const;
export type AlarmParty = keyof typeof ALARM_PARTIES;

/**
 * The alarm 告警 workflow: raised open 待确认 → (acknowledge, optional note) acknowledged 处理中 →
 * (close, note required) closed 已关闭; the office may close an open alarm directly. The system
 * notes on the timeline when the condition ends (`clear`) or comes back (`recur`) without changing
 * the state: an alarm stays live until a person closes it, and while it is live a new breach of the
 * same rule on the same device is folded into it (one live alarm per device and rule).
 */
export const alarmWorkflow = defineWorkflow<AlarmStatus, 'acknowledge' | 'close' | 'clear' | 'recur', AlarmParty, NoteInput, { status: AlarmStatus }>({
  subject: '告警',
  stateMessage: (label) => `告警当前为“${label}”`,
  states: ALARM_STATUS_LABELS,
  actions: { acknowledge: '确认', close: '关闭', clear: '标记解除', recur: '标记再次越限' },
  parties: ALARM_PARTIES,
  forbidden: {
    acknowledge: '只有本企业人员、企业联络员或调度专班可以确认告警',
    close: '告警须先确认后由企业或联络员关闭;调度专班或管理员可直接关闭',
  },
  buttons: ['acknowledge', 'close'],
  probeInput: { note: '处理说明' },
  transitions: [
    { from: ['open'], action: 'acknowledge', to: 'acknowledged', who: ['firm', 'liaison', 'office'] },
    { from: ['acknowledged'], action: 'close', to: 'closed', who: ['firm', 'liaison', 'office'], guard: requireNote('请填写处理说明(至少2个字)') },
    { from: ['open'], action: 'close', to: 'closed', who: ['office'], guard: requireNote('请填写处理说明(至少2个字)') },
    { from: ['open', 'acknowledged'], action: 'clear', to: 'same', who: ['system'], event: 'alarm.cleared' },
    { from: ['open', 'acknowledged'], action: 'recur', to: 'same', who: ['system'], event: 'alarm.recurred' },
  ],
});

export const alarmEventLog = caseEventsTable('iot_alarm_events', 'alarm_id');

export const alarmSnapshot = (row: AlarmRow): Record<string, unknown> => ({
  status: row.status,
  severity: row.severity,
  title: row.title,
  deviceId: row.device_id,
  ruleId: row.rule_id,
  clearedAt: row.cleared_at,
  acknowledgedBy: row.acknowledged_by,
  closedBy: row.closed_by,
  closeNote: row.close_note,
});

export const alarmStore: CaseStore<AlarmRow> = { table: 'iot_alarms', entity: 'iot_alarm', subject: '告警', events: alarmEventLog, snapshot: alarmSnapshot };
