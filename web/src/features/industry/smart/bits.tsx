import { Tag, Tooltip } from 'antd';
import * as echarts from 'echarts/core';
import { MarkAreaComponent, MarkLineComponent } from 'echarts/components';
import { SMART_PROJECT_STATUS_LABELS, SMART_SAVING_BAND_LABELS, type SmartProjectStatus, type SmartSaving, type SmartSavingBand } from '@yuanqi/contract';

// The claim's band and the go-live line are drawn with mark areas and lines (the shared Chart
// registers only bars, lines, grid, tooltip and legend).
echarts.use([MarkAreaComponent, MarkLineComponent]);

export const BAND_COLORS: Record<SmartSavingBand, string> = { below: '#f79009', within: '#12b76a', above: '#1554ad' };
const STATUS_COLORS: Record<SmartProjectStatus, string> = { planned: 'default', building: 'processing', live: 'success' };

export function StatusTag({ status }: { status: SmartProjectStatus }) {
  return <Tag color={STATUS_COLORS[status]}>{SMART_PROJECT_STATUS_LABELS[status]}</Tag>;
}

/** Where the saving falls against 200–400万元, or why there is none yet. */
export function BandTag({ saving }: { saving: SmartSaving }) {
  if (!saving.sufficient) {
    return (
      <Tooltip title={saving.message}>
        <Tag>数据不足</Tag>
      </Tooltip>
    );
  }
  const color = saving.band === 'within' ? 'success' : saving.band === 'above' ? 'blue' : 'warning';
  return <Tag color={color}>{SMART_SAVING_BAND_LABELS[saving.band]}</Tag>;
}

/** 万元 as a chart number (axis values; labels say the unit). */
export const wan = (fen: number) => Math.round(fen / 100) / 10_000;
