import { useState, type ComponentType, type ReactNode } from 'react';
import { Alert, App, Button, Card, Form, Modal, Popconfirm, Segmented, Space, Typography, type FormInstance } from 'antd';
import { errorMessage } from '../../app/api';
import { applyFieldErrors } from '../forms';
import { CaseFormFields, normalizeValues, type CaseActionField, type CaseActionValues } from './CaseFormFields';

/** What an escape-hatch form gets: post through the bar (same toast, field errors and refresh), or give up. */
export type CaseActionFormProps = {
  /**
   * Posts the values; resolves true when done (the bar then closes), false when the server refused.
   * `payload` is what a form sends beyond text (files, a progress callback): `run` gets it third.
   */
  submit: (values: CaseActionValues, payload?: unknown) => Promise<boolean>;
  /** The server's refusal, if the last submit failed; field messages are already on the form when it used `form`. */
  error: string | null;
  pending: boolean;
  onCancel: () => void;
  /** Pass to `submit` callers that want field errors placed: the bar puts `details` on this form. */
  bindForm: (form: FormInstance) => void;
};

/**
 * One action of a case, declared as data. Without `fields` and `confirm` the button posts at once;
 * otherwise it opens one dialog (or, in the inline layout, one form) generated from `fields`.
 * `component` replaces the generated form for an action that needs its own (e.g. a materials
 * checklist with uploads); it still posts through the bar.
 */
export type CaseActionSpec<A extends string = string, R = unknown> = {
  action: A;
  label: string;
  icon?: ReactNode;
  primary?: boolean;
  danger?: boolean;
  /** Dialog title; the label by default. */
  title?: string;
  /** Dialog OK / inline submit text; the label by default. */
  okText?: string;
  /** Text above the form. */
  intro?: ReactNode;
  /** Ask first: the dialog for a field-less action, a pop-confirm on the inline submit button. */
  confirm?: { title: string; okText?: string };
  fields?: CaseActionField[];
  /** The toast after success; 已<label> by default. */
  success?: string | ((result: R, values: CaseActionValues) => string);
  component?: ComponentType<CaseActionFormProps>;
};

type Props<A extends string, R> = {
  /** The case's `allowedActions` from the server: exactly these buttons show. */
  allowedActions: readonly string[];
  /** Every action this case type has, in button order. */
  actions: CaseActionSpec<A, R>[];
  /** Posts one action (the caller's mutation, which also stores the fresh case); `payload` only from a custom form. */
  run: (action: A, values: CaseActionValues, payload?: unknown) => Promise<R>;
  /** Further limits the buttons (e.g. the firm's confirm/reject callout). */
  only?: readonly A[];
  /** Full-width large buttons, one under another (phones). */
  block?: boolean;
  /** `buttons` (default): a button per action, each opening its dialog. `inline`: one card with the form shown in place, a switch when several actions are allowed. */
  layout?: 'buttons' | 'inline';
  /** Inline card title. */
  title?: ReactNode;
  className?: string;
  /** After a successful post (e.g. refetch a list the mutation does not touch). */
  onDone?: (result: R, action: A) => void;
};

function useRunner<A extends string, R>(run: Props<A, R>['run'], onDone: Props<A, R>['onDone']) {
  const { message } = App.useApp();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (spec: CaseActionSpec<A, R>, values: CaseActionValues, form?: FormInstance, payload?: unknown): Promise<boolean> => {
    setPending(true);
    setError(null);
    try {
      const result = await run(spec.action, values, payload);
      const text = typeof spec.success === 'function' ? spec.success(result, values) : (spec.success ?? `已${spec.label}`);
      message.success(text);
      onDone?.(result, spec.action);
      return true;
    } catch (e) {
      // the server's reason stays beside the form; per-field messages go on their fields
      if (form) applyFieldErrors(form, e);
      setError(errorMessage(e));
      return false;
    } finally {
      setPending(false);
    }
  };
  return { pending, error, setError, submit };
}

function ActionDialog<A extends string, R>({ spec, runner, onClose }: { spec: CaseActionSpec<A, R>; runner: ReturnType<typeof useRunner<A, R>>; onClose: () => void }) {
  const [form] = Form.useForm();
  const fields = spec.fields ?? [];
  const ok = async () => {
    const raw = (await form.validateFields()) as Record<string, unknown>;
    if (await runner.submit(spec, normalizeValues(fields, raw), form)) onClose();
  };
  return (
    <Modal
      open
      title={spec.confirm && fields.length === 0 ? spec.confirm.title : (spec.title ?? spec.label)}
      okText={spec.confirm?.okText ?? spec.okText ?? spec.label}
      cancelText="取消"
      onOk={ok}
      onCancel={onClose}
      confirmLoading={runner.pending}
      okButtonProps={{ danger: spec.danger }}
      destroyOnHidden
      maskClosable={!runner.pending}
    >
      {spec.intro && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          {spec.intro}
        </Typography.Paragraph>
      )}
      {fields.length > 0 && (
        <Form form={form} layout="vertical" requiredMark={false} disabled={runner.pending} name={spec.action}>
          <CaseFormFields fields={fields} />
        </Form>
      )}
      {runner.error && <Alert type="error" showIcon title={runner.error} />}
    </Modal>
  );
}

function InlineForm<A extends string, R>({ spec, runner }: { spec: CaseActionSpec<A, R>; runner: ReturnType<typeof useRunner<A, R>> }) {
  const [form] = Form.useForm();
  const fields = spec.fields ?? [];
  const label = spec.okText ?? spec.label;
  const button = (
    <Button type={spec.danger ? 'default' : 'primary'} danger={spec.danger} htmlType={spec.confirm ? 'button' : 'submit'} loading={runner.pending} block>
      {label}
    </Button>
  );
  return (
    <Form
      form={form}
      name={spec.action}
      layout="vertical"
      onFinish={async (raw: Record<string, unknown>) => {
        if (await runner.submit(spec, normalizeValues(fields, raw), form)) form.resetFields();
      }}
    >
      {spec.intro && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          {spec.intro}
        </Typography.Paragraph>
      )}
      <CaseFormFields fields={fields} />
      {runner.error && <Alert type="error" showIcon title={runner.error} style={{ marginBottom: 12 }} />}
      {spec.confirm ? (
        <Popconfirm title={spec.confirm.title} okText={spec.confirm.okText ?? label} cancelText="取消" onConfirm={() => form.submit()}>
          {button}
        </Popconfirm>
      ) : (
        button
      )}
    </Form>
  );
}

function CustomForm<A extends string, R>({ spec, runner, onClose }: { spec: CaseActionSpec<A, R>; runner: ReturnType<typeof useRunner<A, R>>; onClose: () => void }) {
  const [bound, setBound] = useState<FormInstance | undefined>();
  const Component = spec.component!;
  return (
    <Component
      submit={async (values, payload) => {
        const done = await runner.submit(spec, values, bound, payload);
        if (done) onClose();
        return done;
      }}
      error={runner.error}
      pending={runner.pending}
      onCancel={onClose}
      bindForm={(f) => setBound(() => f)}
    />
  );
}

/**
 * The buttons of a case, exactly those its `allowedActions` lists, each posting its action through
 * `run` with the form its declaration asks for; the server's refusal shows in the form, per-field
 * messages on their fields.
 */
export function CaseActionBar<A extends string, R = unknown>({ allowedActions, actions, run, only, block = false, layout = 'buttons', title, className, onDone }: Props<A, R>) {
  const [open, setOpen] = useState<A | null>(null);
  const [chosen, setChosen] = useState<A | null>(null);
  const runner = useRunner(run, onDone);
  const shown = actions.filter((s) => allowedActions.includes(s.action) && (!only || only.includes(s.action)));
  if (shown.length === 0) return null;

  if (layout === 'inline') {
    const spec = shown.find((s) => s.action === chosen) ?? shown[0]!;
    return (
      <Card title={title} className={className} style={{ marginBottom: 16 }}>
        {shown.length > 1 && (
          <Segmented<A>
            block
            value={spec.action}
            onChange={(a) => {
              runner.setError(null);
              setChosen(a);
            }}
            options={shown.map((s) => ({ value: s.action, label: s.label }))}
            style={{ marginBottom: 16 }}
          />
        )}
        {spec.component ? (
          <CustomForm key={spec.action} spec={spec} runner={runner} onClose={() => undefined} />
        ) : (
          <InlineForm key={spec.action} spec={spec} runner={runner} />
        )}
      </Card>
    );
  }

  const openSpec = shown.find((s) => s.action === open);
  const close = () => {
    runner.setError(null);
    setOpen(null);
  };
  const press = (spec: CaseActionSpec<A, R>) => {
    if (!spec.component && !spec.confirm && !spec.fields?.length) void runner.submit(spec, {});
    else setOpen(spec.action);
  };
  return (
    <>
      <Space wrap style={block ? { width: '100%' } : undefined} className={[block ? 'yq-action-stack' : '', className ?? ''].filter(Boolean).join(' ') || undefined}>
        {shown.map((s) => (
          <Button
            key={s.action}
            type={s.primary ? 'primary' : 'default'}
            danger={s.danger}
            icon={s.icon}
            onClick={() => press(s)}
            loading={runner.pending && !openSpec && !s.fields?.length && !s.confirm && !s.component}
            block={block}
            size={block ? 'large' : 'middle'}
          >
            {s.label}
          </Button>
        ))}
      </Space>
      {openSpec && (openSpec.component ? <CustomForm spec={openSpec} runner={runner} onClose={close} /> : <ActionDialog spec={openSpec} runner={runner} onClose={close} />)}
    </>
  );
}
