import { Tag, Tooltip } from 'antd';
import {
  CASE_KIND_LABELS,
  ITEM_TYPE_LABELS,
  PROJECT_STAGE_LABELS,
  visitsLabel,
  type ServiceItemSummary,
  type ServiceMaterial,
} from '@yuanqi/contract';

/** 承诺3个工作日 / 即办件. */
export function committedText(item: Pick<ServiceItemSummary, 'caseKind' | 'committedDays'>): string {
  return item.caseKind === 'instant' ? '即办件 · 当场办结' : `承诺${item.committedDays}个工作日`;
}

/** The badges people look for first: how many trips, whether it is fully online, 告知承诺. */
export function ItemBadges({ item, withType = false }: { item: Pick<ServiceItemSummary, 'visits' | 'online' | 'chengnuoAllowed' | 'itemType' | 'projectStage' | 'status' | 'feeCharged'>; withType?: boolean }) {
  return (
    <div className="yq-item-badges">
      {item.status === 'inactive' && <Tag color="default">已停用</Tag>}
      <Tag color={item.visits === 0 ? 'green' : item.visits === 1 ? 'blue' : 'default'}>{visitsLabel(item.visits)}</Tag>
      {item.online && item.visits === 0 && <Tag color="geekblue">全程网办</Tag>}
      {item.online && item.visits > 0 && <Tag>可网上申请</Tag>}
      {item.chengnuoAllowed && (
        <Tooltip title="签署告知承诺书后,可免交部分证明材料">
          <Tag color="gold">可告知承诺</Tag>
        </Tooltip>
      )}
      {!item.feeCharged && <Tag color="cyan">不收费</Tag>}
      {withType && <Tag>{ITEM_TYPE_LABELS[item.itemType]}</Tag>}
      {item.projectStage && <Tag color="purple">工程建设·{PROJECT_STAGE_LABELS[item.projectStage]}</Tag>}
    </div>
  );
}

export function CaseKindTag({ item }: { item: Pick<ServiceItemSummary, 'caseKind'> }) {
  return <Tag color={item.caseKind === 'instant' ? 'green' : 'blue'}>{CASE_KIND_LABELS[item.caseKind]}</Tag>;
}

/** 关键 / 可容缺 / 可承诺 / 选填 marks of a material. */
export function MaterialTags({ m }: { m: ServiceMaterial }) {
  return (
    <>
      {m.isKey && (
        <Tooltip title="关键材料:受理时必须齐全,不能容缺">
          <Tag color="red">关键</Tag>
        </Tooltip>
      )}
      {m.rongqueAllowed && (
        <Tooltip title="容缺受理:可先受理,按《容缺受理通知书》约定期限补交">
          <Tag color="orange">可容缺</Tag>
        </Tooltip>
      )}
      {m.chengnuoReplaceable && (
        <Tooltip title="告知承诺:签署承诺书后可不提交本材料">
          <Tag color="gold">可承诺</Tag>
        </Tooltip>
      )}
      {!m.required && <Tag>选填</Tag>}
    </>
  );
}

export const percent = (v: number | null | undefined, digits = 1) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(digits)}%`);
