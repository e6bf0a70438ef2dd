import EChartsReactCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { DatasetComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';

// Only what these pages draw, so the chunk stays small.
echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, DatasetComponent, CanvasRenderer]);

export const CHART_COLORS = ['#1554ad', '#f04438', '#12b76a', '#f79009', '#7a5af8', '#06aed4'];

/** An ECharts canvas with the app's palette; `height` in px. */
export function Chart({
  option,
  height = 280,
  label,
  onClick,
}: {
  option: EChartsOption;
  height?: number;
  label: string;
  /** Called with the clicked data item's name (the category axis label). */
  onClick?: (name: string, dataIndex: number) => void;
}) {
  const onEvents = onClick ? { click: (p: { name: string; dataIndex: number }) => onClick(p.name, p.dataIndex) } : undefined;
  return (
    <div role="img" aria-label={label} style={{ cursor: onClick ? 'pointer' : undefined }}>
      <EChartsReactCore
        echarts={echarts}
        option={{ color: CHART_COLORS, textStyle: { fontFamily: 'inherit' }, ...option }}
        style={{ height, width: '100%' }}
        notMerge
        lazyUpdate
        onEvents={onEvents}
      />
    </div>
  );
}
