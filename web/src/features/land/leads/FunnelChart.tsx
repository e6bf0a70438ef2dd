import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { FunnelChart as EFunnel } from 'echarts/charts';
import { TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';

// Only the funnel, so this page's chunk stays small.
echarts.use([EFunnel, TooltipComponent, CanvasRenderer]);

const COLORS = ['#1554ad', '#2e6fd1', '#06aed4', '#12b76a', '#f79009'];

export type FunnelDatum = { name: string; value: number; detail: string };

/** The funnel of the stages (counts), widest first, each labelled with its count and amount. */
export function LeadFunnelChart({ data, height = 300 }: { data: FunnelDatum[]; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    const instance = echarts.init(box.current!, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(box.current!);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);
  const signature = JSON.stringify(data);
  useEffect(() => {
    const max = Math.max(1, ...data.map((d) => d.value));
    const option: EChartsOption = {
      color: COLORS,
      textStyle: { fontFamily: 'inherit' },
      tooltip: { trigger: 'item', formatter: (p) => { const d = data[(p as { dataIndex: number }).dataIndex]; return d ? `${d.name}<br/>${d.detail}` : ''; } },
      series: [
        {
          type: 'funnel',
          left: '8%',
          right: '8%',
          top: 10,
          bottom: 10,
          min: 0,
          max,
          minSize: '8%',
          sort: 'none',
          gap: 3,
          label: { show: true, position: 'inside', formatter: (p) => { const d = data[(p as { dataIndex: number }).dataIndex]; return d ? `${d.name}  ${d.value}` : ''; }, color: '#fff', fontSize: 13 },
          data: data.map((d) => ({ name: d.name, value: d.value })),
        },
      ],
    };
    chart.current?.setOption(option, { notMerge: true });
  }, [signature]); // eslint-disable-line react-hooks/exhaustive-deps
  return <div ref={box} role="img" aria-label="招商漏斗图" style={{ height, width: '100%' }} />;
}
