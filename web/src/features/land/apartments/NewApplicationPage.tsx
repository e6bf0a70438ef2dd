import { App, Button, Card, Form, Input, InputNumber, Radio, Select, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import {
  APARTMENT_EDUCATIONS,
  APARTMENT_EDUCATION_LABELS,
  APARTMENT_TITLES,
  APARTMENT_TITLE_LABELS,
  describeApartmentRule,
  type ApartmentApplicationRequest,
} from '@yuanqi/contract';
import { errorMessage } from '../../../app/api';
import { PageHeader } from '../../../components/PageHeader';
import { applyFieldErrors } from '../../../components/forms';
import { useCreateApartmentApplication, useCurrentRules } from './api';

type Values = {
  applicantName: string;
  idNumber: string;
  phone: string;
  position: string;
  preferredLayout?: string;
  education: ApartmentApplicationRequest['facts']['education'];
  title: ApartmentApplicationRequest['facts']['title'];
  employedMonths: number;
  socialInsuranceMonths: number;
  hasHouseInCity: 'yes' | 'no';
};

/** 申请人才公寓 (phone first): one staff member, the facts the rules read; the result shows at once. */
export function NewApplicationPage() {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateApartmentApplication();
  const rules = useCurrentRules();
  const set = rules.data?.ruleSet;

  const submit = async (v: Values) => {
    try {
      const created = await create.mutateAsync({
        applicantName: v.applicantName,
        idNumber: v.idNumber,
        phone: v.phone,
        position: v.position,
        preferredLayout: v.preferredLayout || null,
        facts: { education: v.education, title: v.title, employedMonths: v.employedMonths, socialInsuranceMonths: v.socialInsuranceMonths, hasHouseInCity: v.hasHouseInCity === 'yes' },
      });
      message.success(created.status === 'waitlisted' ? `已进入轮候,第 ${created.queuePosition} 位` : '申请已提交,未通过资格审查');
      navigate(`/land/apartments/applications/${created.id}`);
    } catch (err) {
      if (!applyFieldErrors(form, err, { 'facts.education': 'education', 'facts.title': 'title', 'facts.employedMonths': 'employedMonths', 'facts.socialInsuranceMonths': 'socialInsuranceMonths', 'facts.hasHouseInCity': 'hasHouseInCity' })) message.error(errorMessage(err));
    }
  };

  return (
    <div className="yq-narrow">
      <div style={{ marginBottom: 8 }}>
        <Link to="/land/apartments/my">
          <ArrowLeftOutlined /> 人才公寓
        </Link>
      </div>
      <PageHeader title="申请人才公寓" subTitle="为本企业员工申请;身份证号仅用于核验,不保存明文" />
      {set && (
        <Card size="small" style={{ marginBottom: 12 }} title="现行入住条件">
          {set.rules.map((r) => (
            <div key={r.id} style={{ fontSize: 13, padding: '2px 0' }}>
              {r.effect === 'require' ? '• 须' : `• 加${r.points}分:`}
              {r.effect === 'require' ? describeApartmentRule(r) : r.label}
            </div>
          ))}
        </Card>
      )}
      <Card>
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v)}
          initialValues={{ education: 'bachelor', title: 'none', hasHouseInCity: 'no' }}
          requiredMark
        >
          <Form.Item name="applicantName" label="申请人姓名" rules={[{ required: true, min: 2, message: '请填写申请人姓名(至少2个字)' }]}>
            <Input maxLength={30} autoComplete="off" />
          </Form.Item>
          <Form.Item name="idNumber" label="身份证号" rules={[{ required: true, message: '请填写身份证号' }, { pattern: /^\s*\d{17}[\dXx]\s*$/, message: '身份证号应为18位' }]}>
            <Input maxLength={18} autoComplete="off" inputMode="text" />
          </Form.Item>
          <Form.Item name="phone" label="手机号" rules={[{ required: true, message: '请填写手机号' }, { pattern: /^1[3-9]\d{9}$/, message: '手机号应为11位手机号码' }]}>
            <Input maxLength={11} inputMode="tel" autoComplete="off" />
          </Form.Item>
          <Form.Item name="position" label="岗位" rules={[{ required: true, min: 2, message: '请填写岗位(至少2个字)' }]}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="education" label="学历" rules={[{ required: true, message: '请选择学历' }]}>
            <Select options={APARTMENT_EDUCATIONS.map((e) => ({ value: e, label: APARTMENT_EDUCATION_LABELS[e] }))} aria-label="学历" />
          </Form.Item>
          <Form.Item name="title" label="职称" rules={[{ required: true, message: '请选择职称' }]}>
            <Select options={APARTMENT_TITLES.map((e) => ({ value: e, label: APARTMENT_TITLE_LABELS[e] }))} aria-label="职称" />
          </Form.Item>
          <Form.Item name="employedMonths" label="在本企业工作月数" rules={[{ required: true, message: '请填写在本企业工作月数' }]}>
            <InputNumber min={0} max={600} precision={0} style={{ width: '100%' }} inputMode="numeric" addonAfter="个月" />
          </Form.Item>
          <Form.Item name="socialInsuranceMonths" label="在园区缴纳社保月数" rules={[{ required: true, message: '请填写社保缴纳月数' }]}>
            <InputNumber min={0} max={600} precision={0} style={{ width: '100%' }} inputMode="numeric" addonAfter="个月" />
          </Form.Item>
          <Form.Item name="hasHouseInCity" label="本人在本市有无自有住房" rules={[{ required: true, message: '请选择' }]}>
            <Radio.Group optionType="button" buttonStyle="solid" options={[{ value: 'no', label: '无' }, { value: 'yes', label: '有' }]} />
          </Form.Item>
          <Form.Item name="preferredLayout" label="意向户型(选填)">
            <Input maxLength={20} placeholder="如:一室一厅;不填为不限" />
          </Form.Item>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            提交后按现行入住条件自动审查:符合者进入轮候,按积分从高到低、同分按提交先后分配。
          </Typography.Paragraph>
          <Button type="primary" htmlType="submit" block size="large" loading={create.isPending}>
            提交申请
          </Button>
        </Form>
      </Card>
    </div>
  );
}
