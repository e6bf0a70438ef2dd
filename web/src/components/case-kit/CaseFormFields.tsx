import { cloneElement, type ReactElement, type ReactNode } from 'react';
import { AutoComplete, Checkbox, Col, DatePicker, Form, Input, Radio, Row, Select } from 'antd';
import type { Rule } from 'antd/es/form';
import type { Dayjs } from 'dayjs';

/**
 * What a generated form field is: free text (an AutoComplete when it has `options`), a choice, a day,
 * a moment, a person, a checklist, or `custom`: the field's own `control` (e.g. an amount in 元/万元).
 */
export type CaseFieldKind = 'textarea' | 'text' | 'select' | 'radio' | 'date' | 'datetime' | 'user' | 'materials' | 'custom';

export type CaseFieldOption = { value: string; label: ReactNode };

/** The values a generated form hands over: text trimmed (empty left out), days as YYYY-MM-DD, moments as ISO strings, checklists as arrays. */
export type CaseActionValues = Readonly<Record<string, string | string[] | undefined>>;

/**
 * One field of an action's form, declared as data. `required` and `placeholder` may depend on the
 * form's other values (e.g. a note required only when 不满意 is chosen).
 */
export type CaseActionField = {
  name: string;
  label: string;
  kind: CaseFieldKind;
  required?: boolean | ((values: Record<string, unknown>) => boolean);
  /** Replaces 请填写<label> / 请选择<label>. */
  requiredMessage?: string;
  options?: CaseFieldOption[];
  placeholder?: string | ((values: Record<string, unknown>) => string);
  /** Text: at least this many characters; materials: at least this many ticked. */
  min?: number;
  /** Text: at most this many characters (the box stops there; 2000 for a textarea by default). */
  max?: number;
  /** Textarea: rows shown at first. */
  rows?: number;
  initialValue?: unknown;
  tooltip?: ReactNode;
  /** Help shown under the field. */
  extra?: ReactNode;
  /** Desktop width out of 24 (fields side by side); always full width on a phone. */
  span?: number;
  /** Options are still loading (select / user). */
  loading?: boolean;
  /** Date / datetime: days that cannot be picked. */
  disabledDate?: (day: Dayjs) => boolean;
  /** Radio: shown as solid buttons. */
  buttons?: boolean;
  /** Custom: any form control taking `value`/`onChange`/`id` (numbers reach the caller as strings). */
  control?: ReactElement;
  /** Shown (and sent) only while this holds for the form's values; always by default. */
  visible?: (values: Record<string, unknown>) => boolean;
};

function rulesOf(field: CaseActionField, values: Record<string, unknown>): Rule[] {
  const required = typeof field.required === 'function' ? field.required(values) : !!field.required;
  const choosing = field.kind !== 'text' && field.kind !== 'textarea';
  const rules: Rule[] = [];
  if (field.kind === 'materials') {
    if (required || field.min) {
      rules.push({ required: true, type: 'array', min: field.min ?? 1, message: field.requiredMessage ?? `请至少选择${field.min && field.min > 1 ? field.min : '一'}项${field.label}` });
    }
    return rules;
  }
  const message = field.requiredMessage ?? `${choosing ? '请选择' : '请填写'}${field.label}`;
  // a chosen value may be a day, a moment or a number, which a plain required rule takes for a bad string
  if (required && choosing) rules.push({ required: true, message, validator: (_, v: unknown) => (v === undefined || v === null || v === '' ? Promise.reject(new Error(message)) : Promise.resolve()) });
  else if (required) rules.push({ required: true, whitespace: true, message });
  if (!choosing && field.min) rules.push({ min: field.min, message: `${field.label}至少${field.min}个字` });
  if (!choosing && field.max) rules.push({ max: field.max, message: `${field.label}最多${field.max}个字` });
  return rules;
}

function Control(props: { field: CaseActionField; values: Record<string, unknown> }) {
  // what Form.Item hands its child (value, onChange, id…) goes on to the control rendered here
  const { field, values, ...rest } = props as typeof props & Record<string, unknown>;
  const bound = rest as Record<string, never>;
  const placeholder = typeof field.placeholder === 'function' ? field.placeholder(values) : field.placeholder;
  switch (field.kind) {
    case 'textarea':
      return <Input.TextArea {...bound} autoSize={{ minRows: field.rows ?? 3, maxRows: 12 }} maxLength={field.max ?? 2000} showCount placeholder={placeholder} />;
    case 'text':
      return field.options ? (
        <AutoComplete {...bound} options={field.options} placeholder={placeholder} filterOption={(input, o) => String(o?.value ?? '').includes(input)} maxLength={field.max ?? 100} />
      ) : (
        <Input {...bound} maxLength={field.max ?? 100} placeholder={placeholder} />
      );
    case 'select':
    case 'user':
      return (
        <Select
          {...bound}
          showSearch={field.kind === 'user' ? { optionFilterProp: 'label' } : undefined}
          loading={field.loading}
          placeholder={placeholder}
          options={field.options}
        />
      );
    case 'radio':
      return <Radio.Group {...bound} options={field.options} optionType={field.buttons ? 'button' : 'default'} buttonStyle={field.buttons ? 'solid' : undefined} />;
    case 'date':
      return <DatePicker {...bound} style={{ width: '100%', maxWidth: 240 }} placeholder={placeholder ?? '选择日期'} disabledDate={field.disabledDate} aria-label={field.label} />;
    case 'datetime':
      return <DatePicker {...bound} showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} disabledDate={field.disabledDate} allowClear={false} aria-label={field.label} />;
    case 'materials':
      return <Checkbox.Group {...bound} style={{ display: 'flex', flexDirection: 'column', gap: 6 }} options={field.options} />;
    case 'custom':
      return field.control ? cloneElement(field.control, bound) : null;
  }
}

/** The Form.Items of an action's declared fields (inside the caller's antd Form). */
export function CaseFormFields({ fields }: { fields: CaseActionField[] }) {
  const form = Form.useFormInstance();
  const values = (Form.useWatch((all: Record<string, unknown>) => all, form) ?? {}) as Record<string, unknown>;
  return (
    <Row gutter={12}>
      {fields.filter((field) => !field.visible || field.visible(values)).map((field) => (
        <Col key={field.name} xs={24} sm={field.span ?? 24}>
          <Form.Item name={field.name} label={field.label} rules={rulesOf(field, values)} tooltip={field.tooltip} extra={field.extra} initialValue={field.initialValue}>
            <Control field={field} values={values} />
          </Form.Item>
        </Col>
      ))}
    </Row>
  );
}

function isDayjs(v: unknown): v is Dayjs {
  return typeof v === 'object' && v !== null && 'isValid' in v && typeof (v as Dayjs).format === 'function';
}

/** The form's raw values as the action's caller receives them (see `CaseActionValues`). */
export function normalizeValues(fields: CaseActionField[], raw: Record<string, unknown>): CaseActionValues {
  const out: Record<string, string | string[] | undefined> = {};
  for (const [name, value] of Object.entries(raw)) {
    const field = fields.find((f) => f.name === name);
    if (field?.visible && !field.visible(raw)) continue;
    if (isDayjs(value)) out[name] = field?.kind === 'date' ? value.format('YYYY-MM-DD') : value.toISOString();
    else if (typeof value === 'string') out[name] = value.trim() || undefined;
    else if (Array.isArray(value)) out[name] = value.map(String);
    else if (value !== undefined && value !== null) out[name] = String(value);
  }
  for (const f of fields) if (f.kind === 'materials' && out[f.name] === undefined) out[f.name] = [];
  return out;
}
