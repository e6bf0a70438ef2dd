import type { ReactNode } from 'react';
import { Card, Col, Row, Space, Steps, Typography } from 'antd';
import { PageHeader } from '../PageHeader';
import { useScreens } from '../useScreens';
import './case-kit.css';

export type CaseStep = { title: ReactNode; content?: ReactNode };

export type CaseStepsProps = {
  items: CaseStep[];
  /** The last step reached ("you are here"). */
  current: number;
  /** `error` for a case that ended off the happy path (withdrawn, cancelled). */
  status?: 'wait' | 'process' | 'finish' | 'error';
  /** Dots without the steps' content, titles under the dots (phone cards). */
  compact?: boolean;
  /** Top to bottom; by default only on a phone. */
  vertical?: boolean;
  className?: string;
};

/** A case's progress as a parcel is tracked: the steps the caller gives, each with its time or deadline. */
export function CaseSteps({ items, current, status = 'process', compact = false, vertical, className }: CaseStepsProps) {
  const screens = useScreens();
  const down = vertical ?? !screens.sm;
  return (
    <Steps
      size="small"
      type={compact ? 'dot' : 'default'}
      orientation={down ? 'vertical' : 'horizontal'}
      titlePlacement={compact ? 'vertical' : undefined}
      responsive={false}
      current={current}
      status={status}
      items={items.map((s) => ({ title: s.title, content: compact ? undefined : s.content }))}
      className={['yq-case-steps', compact ? 'compact' : '', className ?? ''].filter(Boolean).join(' ')}
    />
  );
}

type Props = {
  /** `workbench` (default): the officer's page, header then two columns (one on a phone).
   * `narrow`: the applicant's phone-first page, a summary card then one column. */
  layout?: 'workbench' | 'narrow';
  /** The case number (monospace). */
  number: string;
  /** Extra class of the number in the narrow summary card (pages and tests find it by it). */
  numberClassName?: string;
  title: string;
  /** The status tag. */
  status: ReactNode;
  /** Key facts after the number and status (firm, category, submitted at…). */
  facts?: ReactNode[];
  /** Narrow: tags under the facts (countdown, who handles it). */
  flags?: ReactNode;
  /** Narrow: the page heading above the summary card (e.g. 诉求详情). */
  pageTitle?: string;
  /** Browser tab title; `number title` by default. */
  docTitle?: string;
  /** Header buttons (刷新, 返回). */
  extra?: ReactNode;
  /** Above the header (e.g. a back link). */
  before?: ReactNode;
  /** Under the header (e.g. an alert that the case was cancelled). */
  notice?: ReactNode;
  steps?: CaseStepsProps;
  /** The action bar (in its card): right column on a desktop, first on a phone. */
  actions?: ReactNode;
  /** Facts and the like: right column on a desktop, after the main content on a phone. */
  side?: ReactNode;
  /** The main column. */
  children?: ReactNode;
  /** In the main column just before the timeline (e.g. the rating). */
  beforeTimeline?: ReactNode;
  /** The case's history (e.g. an EventTimeline); in a card titled `timelineTitle`. */
  timeline?: ReactNode;
  timelineTitle?: ReactNode;
  /** Workbench: timeline at the foot of the right column instead of the main one. */
  timelineSide?: boolean;
  /** After everything, full width (e.g. a quiet 撤回 button). */
  footer?: ReactNode;
};

/**
 * A case page: header (number, title, status, key facts), its steps, then the main content with
 * the timeline, and a side panel with the action bar — side by side on a desktop, stacked on a
 * phone (actions first), 375 px wide without sideways scrolling.
 */
export function CaseFrame({
  layout = 'workbench',
  number,
  numberClassName,
  title,
  status,
  facts = [],
  flags,
  pageTitle,
  docTitle = `${number} ${title}`,
  extra,
  before,
  notice,
  steps,
  actions,
  side,
  children,
  beforeTimeline,
  timeline,
  timelineTitle = '办理记录',
  timelineSide = false,
  footer,
}: Props) {
  const screens = useScreens();
  const wide = !!screens.lg;
  const history = timeline && (
    <Card title={timelineTitle} className="yq-section">
      {timeline}
    </Card>
  );

  if (layout === 'narrow') {
    return (
      <div className="yq-narrow">
        {before}
        <PageHeader title={pageTitle ?? title} docTitle={docTitle} extra={extra} />
        {notice}
        <Card className="yq-section">
          <div className="yq-case-head">
            <span className={`yq-mono yq-case-number${numberClassName ? ` ${numberClassName}` : ''}`}>{number}</span>
            {status}
          </div>
          <Typography.Title level={4} style={{ margin: '6px 0 4px', overflowWrap: 'anywhere' }}>
            {title}
          </Typography.Title>
          {facts.length > 0 && (
            <div className="yq-case-meta">
              {facts.map((f, i) => (
                <span key={i}>{f}</span>
              ))}
            </div>
          )}
          {flags && <div className="yq-case-flags">{flags}</div>}
          {steps && (
            <div style={{ marginTop: 16 }}>
              <CaseSteps {...steps} />
            </div>
          )}
        </Card>
        {actions}
        {children}
        {side}
        {beforeTimeline}
        {history}
        {footer}
      </div>
    );
  }

  const header = (
    <>
      {before}
      <PageHeader
        title={title}
        docTitle={docTitle}
        subTitle={
          <Space size={8} wrap>
            <span className="yq-mono">{number}</span>
            {status}
            {facts.map((f, i) => (
              <span key={i}>{f}</span>
            ))}
          </Space>
        }
        extra={extra}
      />
      {notice}
      {steps && (
        <Card size="small" className="yq-section">
          <div className="yq-case-steps-scroll">
            <CaseSteps {...steps} />
          </div>
        </Card>
      )}
    </>
  );
  // On a phone the officer on site sees what to do first, then the case, then the facts.
  if (!wide) {
    return (
      <>
        {header}
        {actions}
        {children}
        {side}
        {beforeTimeline}
        {history}
        {footer}
      </>
    );
  }
  return (
    <>
      {header}
      <Row gutter={16}>
        <Col span={15}>
          {children}
          {beforeTimeline}
          {!timelineSide && history}
        </Col>
        <Col span={9}>
          {actions}
          {side}
          {timelineSide && history}
        </Col>
      </Row>
      {footer}
    </>
  );
}
