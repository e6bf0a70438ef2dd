import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';

// Only what these pages draw, so the chunk stays small. (echarts-for-react's esm build imports
// tslib without declaring it, which the workspace does not install; this thin wrapper avoids it.)
echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export const CHART_COLORS = ['#1554ad', '#f04438', '#12b76a', '#f79009', '#7a5af8', '#06aed4'];

type ClickParams = { name: string; dataIndex: number };

/** An ECharts canvas with the app's palette, resized with its box; `height` in px. */
export function Chart({
  option,
  height = 280,
  label,
  onClick,
}: {
  option: EChartsOption;
  height?: number;
  label: string;
  /** Called with the clicked data item's name (the category axis label) and index. */
  onClick?: (name: string, dataIndex: number) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const latest = useRef({ option, onClick });
  latest.current = { option, onClick };

  useEffect(() => {
    const el = box.current!;
    const instance = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (p) => latest.current.onClick?.((p as ClickParams).name, (p as ClickParams).dataIndex));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  // Options are rebuilt on every render; only a change of content redraws (and re-animates).
  const signature = JSON.stringify(option);
  useEffect(() => {
    chart.current?.setOption({ color: CHART_COLORS, textStyle: { fontFamily: 'inherit' }, ...latest.current.option }, { notMerge: true });
  }, [signature]);

  return <div ref={box} role="img" aria-label={label} style={{ height, width: '100%', cursor: onClick ? 'pointer' : undefined }} />;
}
