import { App, Button, Card, DatePicker, Divider, Form, Input, Select, Space, Typography, type FormInstance } from 'antd';
import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { Dayjs } from 'dayjs';
import { DAIBAN_KINDS, DAIBAN_KIND_LABELS, type CreateVisitRequest, type DaibanKind } from '@yuanqi/contract';
import { isApiError } from '../../app/api';
import { useMe } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { dayjs, parkToday } from '../../components/format';
import { useScreens } from '../../components/useScreens';
import { useDemandCategories } from '../demands/api';
import { FirmSelect, servesOwnFirmsOnly } from '../demands/FirmSelect';
import { useCreateVisit } from './api';
import '../demands/demands.css';

type FormValues = {
  visitedOn: Dayjs;
  enterpriseId?: string | null;
  participants?: string;
  findings?: string;
  daiban?: { kind?: DaibanKind; description?: string; caseNumber?: string }[];
  demands?: { category?: string; title?: string; content?: string }[];
};

/** Server paths such as `demands.1.title` name list fields: ['demands', 1, 'title']. */
function applyNestedFieldErrors(form: FormInstance, error: unknown): void {
  if (!isApiError(error) || error.details.length === 0) return;
  const fields = error.details
    .filter((d) => d.path)
    .map((d) => ({ name: d.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors: [d.message] }));
  form.setFields(fields);
  if (fields[0]) form.scrollToField(fields[0].name, { block: 'center', behavior: 'smooth' });
}

/** 登记走访 from a phone on site: the visit, the errands run and the demands raised, sent together. */
export function VisitFormPage() {
  const me = useMe();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const screens = useScreens();
  const [params] = useSearchParams();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateVisit();
  const categories = useDemandCategories();
  const categoryOptions = categories.active.map((c) => ({ value: c.code, label: `${c.label}(答复时限${c.answerDays}个工作日)` }));

  const onFinish = async (values: FormValues) => {
    const body: CreateVisitRequest = {
      enterpriseId: values.enterpriseId!,
      visitedOn: values.visitedOn.format('YYYY-MM-DD'),
      participants: values.participants?.trim() || undefined,
      findings: values.findings!.trim(),
      daiban: (values.daiban ?? []).map((b) => ({ kind: b.kind!, description: b.description!.trim(), caseNumber: b.caseNumber?.trim() || null })),
      demands: (values.demands ?? []).map((d) => ({ category: d.category!, title: d.title!.trim(), content: d.content!.trim() })),
    };
    try {
      const visit = await create.mutateAsync(body);
      const extra = [visit.daiban.length ? `代办 ${visit.daiban.length} 项` : '', visit.raisedDemands.length ? `诉求 ${visit.raisedDemands.length} 件` : ''].filter(Boolean).join('、');
      message.success(`走访已登记${extra ? `,含${extra}` : ''}`);
      navigate(`/visits/${visit.id}`, { replace: true });
    } catch (e) {
      applyNestedFieldErrors(form, e);
    }
  };

  return (
    <div className="yq-narrow">
      <PageHeader title="登记走访" subTitle={servesOwnFirmsOnly(me) ? '记录走访您服务企业的情况,代办事项和企业提出的诉求一并登记' : '记录走访情况'} />
      <Form<FormValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={onFinish}
        disabled={create.isPending}
        scrollToFirstError={{ block: 'center' }}
        initialValues={{ visitedOn: dayjs(parkToday()), enterpriseId: params.get('enterpriseId') ?? undefined, daiban: [], demands: [] }}
      >
        <Card className="yq-section" title="走访情况">
          <Form.Item name="visitedOn" label="走访日期" rules={[{ required: true, message: '请选择走访日期' }]}>
            <DatePicker
              style={{ width: '100%' }}
              inputReadOnly
              allowClear={false}
              disabledDate={(d) => d.format('YYYY-MM-DD') > parkToday()}
            />
          </Form.Item>
          <Form.Item name="enterpriseId" label="走访企业" rules={[{ required: true, message: '请选择走访的企业' }]}>
            <FirmSelect me={me} />
          </Form.Item>
          <Form.Item name="participants" label="参加人员" extra="企业方和园区方的参加人员,如:企业 张总(总经理);园区 李翔">
            <Input maxLength={500} placeholder="选填" />
          </Form.Item>
          <Form.Item
            name="findings"
            label="走访情况"
            rules={[
              { required: true, whitespace: true, message: '请填写走访情况' },
              { min: 2, message: '走访情况至少2个字' },
            ]}
          >
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} maxLength={5000} showCount placeholder="企业生产经营情况、了解到的困难和问题、宣传的政策等" />
          </Form.Item>
        </Card>

        <Card className="yq-section" title="代办事项" extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>为企业跑腿办理的事项</Typography.Text>}>
          <Form.List name="daiban">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, i) => (
                  <div key={field.key} className="yq-subform">
                    <div className="yq-subform-head">
                      <Typography.Text strong>代办 {i + 1}</Typography.Text>
                      <Button type="text" danger size="small" icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={`删除代办 ${i + 1}`}>
                        删除
                      </Button>
                    </div>
                    <Form.Item name={[field.name, 'kind']} label="类型" rules={[{ required: true, message: '请选择代办类型' }]}>
                      <Select placeholder="选择代办类型" options={DAIBAN_KINDS.map((k) => ({ value: k, label: DAIBAN_KIND_LABELS[k] }))} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'description']}
                      label="代办内容"
                      rules={[
                        { required: true, whitespace: true, message: '请填写代办内容' },
                        { min: 2, message: '代办内容至少2个字' },
                      ]}
                    >
                      <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} placeholder="如:代为申报高企认定材料" />
                    </Form.Item>
                    <Form.Item name={[field.name, 'caseNumber']} label="办件编号(选填)" style={{ marginBottom: 0 }}>
                      <Input maxLength={50} placeholder="政务服务办件的编号" />
                    </Form.Item>
                  </div>
                ))}
                <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({})} disabled={fields.length >= 20}>
                  添加代办事项
                </Button>
              </>
            )}
          </Form.List>
        </Card>

        <Card className="yq-section" title="企业提出的诉求" extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>登记后由您首接负责</Typography.Text>}>
          <Form.List name="demands">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, i) => (
                  <div key={field.key} className="yq-subform">
                    <div className="yq-subform-head">
                      <Typography.Text strong>诉求 {i + 1}</Typography.Text>
                      <Button type="text" danger size="small" icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={`删除诉求 ${i + 1}`}>
                        删除
                      </Button>
                    </div>
                    <Form.Item name={[field.name, 'category']} label="诉求类别" rules={[{ required: true, message: '请选择诉求类别' }]}>
                      <Select placeholder="选择类别" options={categoryOptions} loading={categories.isLoading} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'title']}
                      label="诉求标题"
                      rules={[
                        { required: true, whitespace: true, message: '请填写诉求标题' },
                        { min: 2, message: '诉求标题至少2个字' },
                      ]}
                    >
                      <Input maxLength={100} placeholder="一句话说明需要解决什么" />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'content']}
                      label="诉求内容"
                      style={{ marginBottom: 0 }}
                      rules={[
                        { required: true, whitespace: true, message: '请填写诉求内容' },
                        { min: 5, message: '诉求内容至少5个字' },
                      ]}
                    >
                      <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={5000} placeholder="企业反映的具体情况和诉求" />
                    </Form.Item>
                  </div>
                ))}
                <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({})} disabled={fields.length >= 20}>
                  添加诉求
                </Button>
              </>
            )}
          </Form.List>
        </Card>

        <Divider style={{ margin: '8px 0 16px' }} />
        <Space orientation={screens.sm ? 'horizontal' : 'vertical'} style={{ width: '100%', marginBottom: 16 }}>
          <Button type="primary" htmlType="submit" size="large" icon={<SaveOutlined />} loading={create.isPending} block={!screens.sm} disabled={false}>
            {create.isPending ? '正在保存…' : '保存走访记录'}
          </Button>
          <Button size="large" onClick={() => navigate(-1)} block={!screens.sm} disabled={create.isPending}>
            取消
          </Button>
        </Space>
      </Form>
    </div>
  );
}
