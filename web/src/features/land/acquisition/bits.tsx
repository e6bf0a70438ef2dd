import { Card, Col, Row, Statistic, Tag, Typography } from 'antd';
import { ACQUISITION_INCIDENT_KINDS, ACQUISITION_INCIDENT_KIND_LABELS, ACQUISITION_STAGE_COLORS, ACQUISITION_STAGE_LABELS, type AcquisitionStage, type AcquisitionStatement } from '@yuanqi/contract';
import { formatWan } from '../../../components/format';

export const StageTag = ({ stage }: { stage: AcquisitionStage }) => <Tag color={ACQUISITION_STAGE_COLORS[stage]}>{ACQUISITION_STAGE_LABELS[stage]}</Tag>;

/** The statement of an area (or all): the sentence built from counts, then the figures. */
export function StatementCards({ s }: { s: AcquisitionStatement }) {
  return (
    <>
      <Typography.Paragraph strong style={{ fontSize: 16 }} data-testid="acquisition-sentence">
        {s.sentence}
      </Typography.Paragraph>
      <Row gutter={[12, 12]}>
        <Col xs={12} md={4}><Card size="small"><Statistic title="户数(含单位)" value={s.total} suffix="户" /></Card></Col>
        <Col xs={12} md={4}><Card size="small"><Statistic title="房屋面积" value={(s.buildingAreaM2 / 10_000).toFixed(2)} suffix="万㎡" /></Card></Col>
        <Col xs={12} md={4}><Card size="small"><Statistic title="已签约" value={s.signed} suffix={`/ ${s.total}`} /></Card></Col>
        <Col xs={12} md={4}><Card size="small"><Statistic title="已搬迁" value={s.movedOut} suffix={`/ ${s.total}`} /></Card></Col>
        <Col xs={12} md={4}><Card size="small"><Statistic title="协议补偿" value={formatWan(s.compensationAgreedFen)} /></Card></Col>
        <Col xs={12} md={4}><Card size="small"><Statistic title="已付补偿" value={formatWan(s.compensationPaidFen)} /></Card></Col>
      </Row>
      <div style={{ marginTop: 8 }}>
        {ACQUISITION_INCIDENT_KINDS.map((k) => (
          <Tag key={k} color={s.incidents[k].open ? 'red' : s.incidents[k].total ? 'orange' : 'green'}>
            {ACQUISITION_INCIDENT_KIND_LABELS[k]} {s.incidents[k].total} 起{s.incidents[k].open ? `(未结 ${s.incidents[k].open})` : ''}
          </Tag>
        ))}
      </div>
    </>
  );
}
