import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Radio, Skeleton, Space, Typography, type UploadFile } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { CreateDemandRequest, DemandCategory, DemandSource } from '@yuanqi/contract';
import { errorMessage } from '../../app/api';
import { hasPermission, isEnterpriseOnly, useMe } from '../../app/auth';
import { applyFieldErrors } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useScreens } from '../../components/useScreens';
import { demandKeys, uploadDemandAttachment, useCreateDemand, useDemandCategories } from './api';
import { AttachmentPicker } from './attachments';
import { FirmSelect, servesOwnFirmsOnly } from './FirmSelect';
import './demands.css';

type FormValues = { enterpriseId?: string | null; source?: DemandSource; category?: string; title?: string; content?: string };

/** A radio card per category, each promising its answer time (答复时限 N个工作日). */
function CategoryPicker({ categories, value, onChange }: { categories: DemandCategory[]; value?: string; onChange?: (v: string) => void }) {
  return (
    <div className="yq-category-grid" role="radiogroup" aria-label="诉求类别">
      {categories.map((c) => {
        const selected = c.code === value;
        return (
          <button
            key={c.code}
            type="button"
            role="radio"
            aria-checked={selected}
            aria-label={`${c.label}(答复时限${c.answerDays}个工作日)`}
            className={`yq-category${selected ? ' selected' : ''}`}
            onClick={() => onChange?.(c.code)}
          >
            <span className="yq-category-label">{c.label}</span>
            <span className="yq-category-days">答复时限 {c.answerDays}个工作日</span>
          </button>
        );
      })}
    </div>
  );
}

export function NewDemandPage() {
  const me = useMe();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const screens = useScreens();
  const [params] = useSearchParams();
  const [form] = Form.useForm<FormValues>();
  const forFirm = isEnterpriseOnly(me);
  const categories = useDemandCategories();
  const create = useCreateDemand();
  const queryClient = useQueryClient();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [phase, setPhase] = useState<'idle' | 'saving' | 'uploading'>('idle');
  const [uploadIndex, setUploadIndex] = useState(0);
  const category = Form.useWatch('category', form);
  const chosen = categories.active.find((c) => c.code === category);

  const patchFile = (uid: string, patch: Partial<UploadFile>) => setFiles((list) => list.map((f) => (f.uid === uid ? { ...f, ...patch } : f)));

  const onFinish = async (values: FormValues) => {
    const body: CreateDemandRequest = {
      category: values.category!,
      title: values.title!,
      content: values.content!,
      ...(forFirm ? {} : { enterpriseId: values.enterpriseId ?? undefined, source: values.source }),
    };
    setPhase('saving');
    let created;
    try {
      created = await create.mutateAsync(body);
    } catch (e) {
      setPhase('idle');
      applyFieldErrors(form, e);
      return;
    }
    // The demand exists now: send its files one by one, each with its own progress bar.
    const failed: string[] = [];
    const pending = files.filter((f) => f.originFileObj);
    if (pending.length > 0) setPhase('uploading');
    for (const [i, f] of pending.entries()) {
      setUploadIndex(i + 1);
      patchFile(f.uid, { status: 'uploading', percent: 0 });
      try {
        const latest = await uploadDemandAttachment(created.id, f.originFileObj as File, (p) => patchFile(f.uid, { percent: p.percent }));
        // the case page opens from this cache: keep it in step with the files sent
        queryClient.setQueryData(demandKeys.detail(created.id), latest);
        patchFile(f.uid, { status: 'done', percent: 100 });
      } catch (e) {
        failed.push(`${f.name}:${errorMessage(e)}`);
        patchFile(f.uid, { status: 'error', response: errorMessage(e) });
      }
    }
    setPhase('idle');
    const go = () => navigate(`/demands/${created.id}`, { replace: true });
    if (failed.length > 0) {
      modal.warning({
        title: `诉求已提交(编号 ${created.number}),但有 ${failed.length} 个附件未上传成功`,
        content: (
          <div>
            {failed.map((f) => (
              <div key={f}>{f}</div>
            ))}
            <div style={{ marginTop: 8 }}>可在诉求详情页重新上传。</div>
          </div>
        ),
        okText: '查看诉求',
        onOk: go,
      });
      return;
    }
    message.success(`诉求已提交,编号 ${created.number}`);
    go();
  };

  const busy = phase !== 'idle';
  const pendingCount = files.filter((f) => f.originFileObj).length;
  const mine = servesOwnFirmsOnly(me);

  return (
    <div className="yq-narrow">
      <PageHeader
        title={forFirm ? '我要提诉求' : '代提诉求'}
        subTitle={forFirm ? '园区驻企专员首接负责,办理进度随时可查' : mine ? '为您服务的企业登记诉求(走访或电话中了解到的)' : '电话受理或代企业登记诉求'}
      />
      {categories.isError ? (
        <Card>
          <QueryError error={categories.error} onRetry={() => categories.refetch()} />
        </Card>
      ) : (
        <Card>
          <Form<FormValues>
            form={form}
            layout="vertical"
            onFinish={onFinish}
            disabled={busy}
            scrollToFirstError={{ block: 'center' }}
            initialValues={{ enterpriseId: params.get('enterpriseId') ?? undefined, source: hasPermission(me, 'demand:dispatch') && !mine ? 'phone' : 'liaison' }}
            requiredMark={false}
          >
            {!forFirm && (
              <>
                <Form.Item name="enterpriseId" label="提出诉求的企业" rules={[{ required: true, message: '请选择企业' }]}>
                  <FirmSelect me={me} />
                </Form.Item>
                <Form.Item name="source" label="诉求来源">
                  <Radio.Group
                    options={[
                      { value: 'liaison', label: '专员代提(走访了解)' },
                      { value: 'phone', label: '电话受理' },
                    ]}
                  />
                </Form.Item>
              </>
            )}
            <Form.Item name="category" label="诉求类别" rules={[{ required: true, message: '请选择诉求类别' }]}>
              {categories.isLoading ? <Skeleton.Button active block style={{ height: 120 }} /> : <CategoryPicker categories={categories.active} />}
            </Form.Item>
            {chosen && (
              <Alert
                type="info"
                showIcon
                style={{ marginTop: -8, marginBottom: 16 }}
                title={`${chosen.label}类诉求:${chosen.acceptDays}个工作日内签收,签收后${chosen.answerDays}个工作日内答复`}
                description="遇法定节假日顺延;逾期将自动升级到园区调度专班督办。"
              />
            )}
            <Form.Item
              name="title"
              label="诉求标题"
              rules={[
                { required: true, whitespace: true, message: '请填写诉求标题' },
                { min: 2, message: '诉求标题至少2个字' },
              ]}
            >
              <Input maxLength={100} showCount placeholder="一句话说明需要解决什么,如:新厂房用电增容申请" />
            </Form.Item>
            <Form.Item
              name="content"
              label="诉求内容"
              rules={[
                { required: true, whitespace: true, message: '请填写诉求内容' },
                { min: 5, message: '诉求内容至少5个字' },
              ]}
            >
              <Input.TextArea
                autoSize={{ minRows: 5, maxRows: 12 }}
                maxLength={5000}
                showCount
                placeholder="请说明具体情况、已做过的努力和希望得到的帮助,便于专员尽快办理"
              />
            </Form.Item>
            <Form.Item label="附件(选填)">
              <AttachmentPicker files={files} onChange={setFiles} disabled={busy} />
            </Form.Item>
            <Form.Item style={{ marginBottom: 0 }}>
              <Space orientation={screens.sm ? 'horizontal' : 'vertical'} style={{ width: '100%' }}>
                <Button
                  type="primary"
                  htmlType="submit"
                  size="large"
                  icon={<SendOutlined />}
                  loading={busy}
                  block={!screens.sm}
                  disabled={false}
                >
                  {phase === 'saving' ? '正在提交…' : phase === 'uploading' ? `正在上传附件 ${uploadIndex}/${pendingCount}` : '提交诉求'}
                </Button>
                <Button size="large" block={!screens.sm} onClick={() => navigate(-1)} disabled={busy}>
                  取消
                </Button>
              </Space>
            </Form.Item>
          </Form>
          {forFirm && (
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 16, marginBottom: 0 }}>
              提交后,贵企业的驻企专员将收到提醒并签收办理;答复后请及时确认并评价,7天内未确认将自动办结。
            </Typography.Paragraph>
          )}
        </Card>
      )}
    </div>
  );
}
