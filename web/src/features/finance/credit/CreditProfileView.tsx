import { Alert, Card, List, Progress, Space, Tag, Typography } from 'antd';
import type { CreditGrade, CreditProfile } from '@yuanqi/contract';

export const GRADE_COLORS: Record<CreditGrade, string> = { AAA: '#389e0d', AA: '#52c41a', A: '#1677ff', BBB: '#faad14', BB: '#fa8c16', B: '#f5222d' };

/** A credit profile: grade and total, then each indicator's value, score, weight and one-line explanation (phone-first). */
export function CreditProfileView({ profile }: { profile: CreditProfile }) {
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Card>
        <div style={{ display: 'flex', alignItems: 'center', gap: 16, flexWrap: 'wrap' }}>
          <Progress type="circle" size={96} percent={profile.totalScore} strokeColor={GRADE_COLORS[profile.grade]} format={() => <span data-testid="credit-grade" style={{ color: GRADE_COLORS[profile.grade], fontWeight: 600 }}>{profile.grade}</span>} />
          <div style={{ minWidth: 0 }}>
            <Typography.Title level={4} style={{ margin: 0 }}>{profile.enterpriseName}</Typography.Title>
            <div>总分 <strong>{profile.totalScore}</strong> 分 · {profile.gradeLabel}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              按「{profile.formulaName}」第 {profile.formulaVersion} 版{profile.formulaStatus === 'draft' ? '(草稿试算)' : ''}计算,数据截至 {profile.asOf}
            </Typography.Text>
          </div>
        </div>
      </Card>
      <Card title="指标明细" styles={{ body: { paddingTop: 0, paddingBottom: 0 } }}>
        <List
          dataSource={profile.indicators}
          renderItem={(i) => (
            <List.Item>
              <div style={{ width: '100%' }}>
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                  <strong>{i.label}</strong>
                  <span style={{ whiteSpace: 'nowrap' }}>{i.valueText}</span>
                </div>
                <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                  <Progress percent={i.score} size="small" showInfo={false} style={{ flex: 1, margin: 0 }} />
                  <Tag style={{ marginInlineEnd: 0 }}>{i.score}分 × {i.weight}%</Tag>
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{i.explanation}</Typography.Text>
              </div>
            </List.Item>
          )}
        />
      </Card>
      {profile.notYetAvailable.length > 0 && (
        <Alert type="info" showIcon message="尚未纳入的数据" description={profile.notYetAvailable.map((m) => `${m.label}:${m.help}`).join(';')} />
      )}
    </Space>
  );
}
